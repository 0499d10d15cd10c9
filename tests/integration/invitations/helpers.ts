import { authorizeWorkspace } from "@/lib/authz/guard";
import type { WorkspaceContext } from "@/lib/authz/context";
import type { Permission, Role } from "@/lib/authz/permissions";
import { db } from "@/lib/db/client";
import { createTeamWorkspace } from "@/lib/workspaces/create-workspace";
import { inviteMember } from "@/lib/invitations/invite-member";
import { createUser, uniqueSlug } from "../../support/factories";

/** A team workspace with its owner, and the owner's context for `permission`. */
export async function teamWorkspace(permission: Permission = "member.invite") {
  const owner = await createUser("Owner");
  const slug = uniqueSlug("inv");
  await createTeamWorkspace({ userId: owner.id }, { displayName: `Team ${slug}`, slug });
  const context = await authorizeWorkspace({ userId: owner.id }, slug, permission);
  return { owner, slug, context };
}

/** Adds a member directly (no invitation), for tests about what that role may do. */
export async function addMember(workspaceId: string, role: Role, name = role) {
  const user = await createUser(name);
  await db().membership.create({ data: { workspaceId, userId: user.id, role } });
  return user;
}

export function tokenOf(link: string): string {
  const token = new URL(link).pathname.split("/invite/")[1];
  if (!token) throw new Error(`no token in ${link}`);
  return token;
}

/** Invites a fresh user (verified unless told otherwise) and returns them with the token. */
export async function invitedUser(
  context: WorkspaceContext,
  role: Role = "DEVELOPER",
  options: { verified?: boolean } = {},
) {
  const user = await createUser("Invitee", options);
  const issued = await inviteMember(context, { email: user.email!, role });
  return { user, issued, token: tokenOf(issued.link) };
}
