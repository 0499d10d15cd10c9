import type { WorkspaceContext } from "@/lib/authz/context";
import type { Permission, Role } from "@/lib/authz/permissions";
import { inviteMember } from "@/lib/invitations/invite-member";
import * as factories from "../../support/factories";
import { createUser } from "../../support/factories";

/** A team workspace with its owner, and the owner's context for `permission`. */
export async function teamWorkspace(permission: Permission = "member.invite") {
  const { owner, slug, context } = await factories.teamWorkspace({ prefix: "inv", permission });
  return { owner, slug, context };
}

/** Adds a member directly (no invitation), for tests about what that role may do. */
export async function addMember(workspaceId: string, role: Role, name = role) {
  return (await factories.addMember(workspaceId, role, { name })).user;
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
