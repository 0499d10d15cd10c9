import { db } from "@/lib/db/client";
import type { Role } from "@/lib/authz/permissions";

export interface WorkspaceSummary {
  slug: string;
  displayName: string;
  kind: "PERSONAL" | "TEAM";
  status: string;
  role: Role;
}

/** The workspaces the user belongs to: personal first, then by name. */
export async function listUserWorkspaces(userId: string): Promise<WorkspaceSummary[]> {
  const memberships = await db().membership.findMany({
    where: { userId, workspace: { deletedAt: null } },
    select: { role: true, workspace: { select: { slug: true, displayName: true, kind: true, status: true } } },
  });
  return memberships
    .map((m) => ({ ...m.workspace, role: m.role }))
    .sort((a, b) => (a.kind === b.kind ? a.displayName.localeCompare(b.displayName) : a.kind === "PERSONAL" ? -1 : 1));
}
