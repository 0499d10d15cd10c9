import type { Role } from "@/lib/authz/permissions";
import { db } from "@/lib/db/client";
import * as factories from "../../support/factories";

// The members suites' view of the shared factories (tests/support/factories.ts): members
// are added straight in the database and provisioned, so these tests do not depend on the
// invitations feature.

export async function teamWorkspace(prefix = "members") {
  return factories.teamWorkspace({ prefix });
}

/** A new user with `role` in the workspace, with their cluster identity provisioned. */
export function addMember(workspaceId: string, role: Role, name: string = role.toLowerCase()) {
  return factories.addMember(workspaceId, role, { name, provision: true });
}

export const contextFor = factories.signedInAs;

export async function roleOf(membershipId: string): Promise<Role | undefined> {
  return (await db().membership.findUnique({ where: { id: membershipId }, select: { role: true } }))?.role;
}

export function auditEvents(workspaceId: string, action: string) {
  return db().auditEvent.findMany({ where: { workspaceId, action }, orderBy: { id: "asc" } });
}
