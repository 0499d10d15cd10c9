import type { WorkspaceContext } from "@/lib/authz/context";
import type { Role } from "@/lib/authz/permissions";
import { inviteMember } from "@/lib/invitations/invite-member";
import { createUser } from "../../support/factories";

// The invitations suites' own helpers (workspaces and members come from
// tests/support/factories.ts).

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
