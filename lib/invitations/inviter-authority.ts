import { assignableRoles, can, type Role } from "@/lib/authz/permissions";
import type { Prisma } from "@/lib/db/generated/client";
import { AppError } from "@/lib/errors/app-error";
import { OPEN_INVITATION } from "@/lib/invitations/invitation-state";

// An invitation rests on its inviter's authority: once the inviter is no longer a member,
// or no longer may hand out the invited role, it can no longer be accepted. Membership
// changes revoke such invitations in their own transaction (so the list says so), and
// accepting checks the inviter's role again under the workspace lock.

type Tx = Prisma.TransactionClient;

export const INVITER_AUTHORITY_MESSAGE =
  "This invitation is no longer valid: the person who sent it can no longer invite people with this role. Ask a workspace admin to invite you again.";

/** The roles a member with `role` (null: no longer a member) may still invite. */
function invitableRoles(role: Role | null): Role[] {
  return role && can(role, "member.invite") ? assignableRoles(role) : [];
}

export function inviterStillEntitled(inviterRole: Role | null, invitedRole: Role): boolean {
  return invitableRoles(inviterRole).includes(invitedRole);
}

/** The inviter's current role in the workspace, or null when they are no longer a member. */
export async function inviterRole(tx: Pick<Tx, "membership">, workspaceId: string, inviterId: string) {
  const membership = await tx.membership.findUnique({
    where: { workspaceId_userId: { workspaceId, userId: inviterId } },
    select: { role: true },
  });
  return membership?.role ?? null;
}

export function inviterAuthorityError(): AppError {
  return new AppError("CONFLICT", INVITER_AUTHORITY_MESSAGE);
}

/**
 * Revokes the open invitations `inviterId` sent that their new role (null: removed) no
 * longer covers. Call it in the transaction that changes their membership; returns how many.
 */
export async function revokeInvitationsBeyondAuthority(
  tx: Tx,
  workspaceId: string,
  inviterId: string,
  newRole: Role | null,
): Promise<number> {
  const { count } = await tx.invitation.updateMany({
    where: { workspaceId, invitedById: inviterId, ...OPEN_INVITATION, role: { notIn: invitableRoles(newRole) } },
    data: { revokedAt: new Date() },
  });
  return count;
}
