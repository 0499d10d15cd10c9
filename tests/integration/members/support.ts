import { authorizeWorkspace } from "@/lib/authz/guard";
import type { WorkspaceContext } from "@/lib/authz/context";
import type { Permission, Role } from "@/lib/authz/permissions";
import { db } from "@/lib/db/client";
import { createTeamWorkspace } from "@/lib/workspaces/create-workspace";
import { provisionWorkspace } from "@/lib/tenancy/provision-workspace";
import { createUser, uniqueSlug } from "../../support/factories";

// Shared set-up for the members suites. Members are added straight in the database and
// provisioned, so these tests do not depend on the invitations feature.

export async function teamWorkspace(prefix = "members") {
  const owner = await createUser("Owner");
  const slug = uniqueSlug(prefix);
  await createTeamWorkspace({ userId: owner.id }, { displayName: `Team ${slug}`, slug });
  const workspace = await db().workspace.findUniqueOrThrow({ where: { slug } });
  const ownerMembership = await db().membership.findFirstOrThrow({ where: { workspaceId: workspace.id } });
  return { owner, slug, workspace, ownerMembership, namespace: `ws-${slug}` };
}

/** A new user with `role` in the workspace, with their cluster identity provisioned. */
export async function addMember(workspaceId: string, role: Role, name: string = role.toLowerCase()) {
  const user = await createUser(name);
  const membership = await db().membership.create({ data: { workspaceId, userId: user.id, role } });
  await provisionWorkspace(workspaceId);
  return { user, membership };
}

export function contextFor(userId: string, slug: string, permission: Permission): Promise<WorkspaceContext> {
  return authorizeWorkspace({ userId }, slug, permission);
}

export async function roleOf(membershipId: string): Promise<Role | undefined> {
  return (await db().membership.findUnique({ where: { id: membershipId }, select: { role: true } }))?.role;
}

export function auditEvents(workspaceId: string, action: string) {
  return db().auditEvent.findMany({ where: { workspaceId, action }, orderBy: { id: "asc" } });
}
