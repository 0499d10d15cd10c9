import { db } from "@/lib/db/client";
import { PERMISSIONS, type Permission } from "@/lib/authz/permissions";

/**
 * The members of a workspace whose role carries `permission` (from the one role table):
 * who a workspace's notification goes to.
 */
export async function membersWhoCan(workspaceId: string, permission: Permission): Promise<string[]> {
  const rows = await db().membership.findMany({
    where: { workspaceId, role: { in: [...PERMISSIONS[permission]] }, workspace: { deletedAt: null } },
    select: { userId: true },
  });
  return rows.map((row) => row.userId);
}
