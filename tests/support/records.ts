import type { Role } from "@/lib/authz/permissions";
import { db } from "@/lib/db/client";

// What a use case left in the database, read back for assertions: its audit events and a
// membership's role.

/** The workspace's audit events for `action`, oldest first. */
export function auditEvents(workspaceId: string, action: string) {
  return db().auditEvent.findMany({ where: { workspaceId, action }, orderBy: { id: "asc" } });
}

/** The membership's role, or undefined once the membership is gone. */
export async function roleOf(membershipId: string): Promise<Role | undefined> {
  return (await db().membership.findUnique({ where: { id: membershipId }, select: { role: true } }))?.role;
}
