import type { WorkspaceContext } from "@/lib/authz/context";
import { can } from "@/lib/authz/permissions";
import { db } from "@/lib/db/client";

export interface KubeconfigListItem {
  id: string;
  label: string;
  owner: { membershipId: string; name: string | null; email: string | null };
  createdAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
  status: "active" | "expired" | "revoked";
}

/**
 * The caller's kubeconfigs; owners and admins see every member's unless `own` (the REST API
 * lists the token's member's own). Newest first.
 */
export async function listKubeconfigs(
  context: WorkspaceContext,
  now = new Date(),
  { own = false }: { own?: boolean } = {},
): Promise<KubeconfigListItem[]> {
  const everyone = !own && can(context.membership.role, "kubeconfig.revokeAny");
  const rows = await db().kubeconfigCredential.findMany({
    where: { workspaceId: context.workspace.id, ...(everyone ? {} : { membershipId: context.membership.id }) },
    include: { user: { select: { name: true, email: true } } },
    orderBy: { createdAt: "desc" },
    take: 200,
  });
  return rows.map((row) => ({
    id: row.id,
    label: row.label,
    owner: { membershipId: row.membershipId, name: row.user.name, email: row.user.email },
    createdAt: row.createdAt,
    expiresAt: row.expiresAt,
    revokedAt: row.revokedAt,
    status: row.revokedAt ? "revoked" : row.expiresAt <= now ? "expired" : "active",
  }));
}
