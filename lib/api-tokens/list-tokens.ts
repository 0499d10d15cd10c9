import type { WorkspaceContext } from "@/lib/authz/context";
import { effectiveRole, lowerRole, type Role } from "@/lib/authz/permissions";
import { db } from "@/lib/db/client";

// The member's own tokens in this workspace, newest first, with the role each acts with now
// (its own, capped by the member's current role, in its environment's for a scoped token) and
// when it was last used.

export type ApiTokenState = "active" | "expired" | "revoked";

export interface ApiTokenSummary {
  id: string;
  name: string;
  prefix: string;
  role: Role;
  /** What the token may do today: min(its role, the member's role). */
  effectiveRole: Role;
  state: ApiTokenState;
  createdAt: Date;
  expiresAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  /** The one environment the token works in (null: the whole workspace). */
  environment: string | null;
  /** True when that environment was deleted (which revoked the token). */
  environmentDeleted: boolean;
}

export async function listApiTokens(context: WorkspaceContext): Promise<ApiTokenSummary[]> {
  const rows = await db().apiToken.findMany({
    where: { membershipId: context.membership.id },
    orderBy: { createdAt: "desc" },
    take: 200,
    include: {
      environment: { select: { roles: { where: { membershipId: context.membership.id }, select: { role: true } } } },
    },
  });
  const now = Date.now();
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    role: row.role,
    effectiveRole: lowerRole(row.role, effectiveRole(context.membership.role, row.environment?.roles[0]?.role)),
    state: row.revokedAt ? "revoked" : row.expiresAt.getTime() <= now ? "expired" : "active",
    createdAt: row.createdAt,
    expiresAt: row.expiresAt,
    lastUsedAt: row.lastUsedAt,
    revokedAt: row.revokedAt,
    environment: row.environmentName,
    environmentDeleted: row.environmentName !== null && row.environmentId === null,
  }));
}
