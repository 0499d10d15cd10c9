import { z } from "zod";
import type { WorkspaceContext } from "@/lib/authz/context";
import { ROLE_LABELS, ROLES, assignableRoles } from "@/lib/authz/permissions";
import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { revokeInvitationsBeyondAuthority } from "@/lib/invitations/inviter-authority";
import { LAST_OWNER_MESSAGE, canChangeRoleOf } from "@/lib/members/member-rules";
import {
  countOwners,
  findMember,
  lockWorkspace,
  lockedActorRole,
  syncMembersToCluster,
  withDeniedAudit,
} from "@/lib/members/membership-tx";

export const changeMemberRoleInput = z.object({
  membershipId: z.string().trim().min(1, "Choose a member.").max(64),
  role: z.enum(ROLES, "Choose a role."),
});

/**
 * Gives a member another role. Admins manage admins and below and hand out roles up to
 * their own; only owners touch owners. The last owner cannot be demoted. The member's
 * RoleBinding is replaced right after the commit, so the next cluster call uses the role.
 */
export async function changeMemberRole(
  context: WorkspaceContext,
  input: z.output<typeof changeMemberRoleInput>,
): Promise<{ changed: boolean }> {
  const workspaceId = context.workspace.id;
  const changed = await withDeniedAudit(
    context,
    "member.changeRole",
    { type: "membership", id: input.membershipId },
    () =>
      db().$transaction(async (tx) => {
        const workspace = await lockWorkspace(tx, workspaceId);
        const actorRole = await lockedActorRole(tx, context, "member.changeRole");
        const target = await findMember(tx, workspaceId, input.membershipId);
        const isPersonalOwner = target.userId === workspace.personalOwnerId;
        if (isPersonalOwner) {
          throw AppError.forbidden("The owner of a personal workspace always stays its owner.");
        }
        if (!canChangeRoleOf(actorRole, { membershipId: target.id, role: target.role, isPersonalOwner })) {
          throw AppError.forbidden("Only an owner can change the role of an owner.");
        }
        if (!assignableRoles(actorRole).includes(input.role)) {
          throw AppError.forbidden(`You can give roles up to ${ROLE_LABELS[actorRole].toLowerCase()}.`);
        }
        if (target.role === input.role) return false;
        if (target.role === "OWNER" && (await countOwners(tx, workspaceId)) <= 1) {
          throw new AppError("CONFLICT", LAST_OWNER_MESSAGE);
        }
        await tx.membership.update({ where: { id: target.id }, data: { role: input.role } });
        const invitationsRevoked = await revokeInvitationsBeyondAuthority(tx, workspaceId, target.userId, input.role);
        await recordAudit(
          {
            workspaceId,
            actor: context.actor,
            action: "member.changeRole",
            outcome: "SUCCESS",
            targetType: "membership",
            targetId: target.id,
            details: {
              userId: target.userId,
              email: target.user.email,
              from: target.role,
              to: input.role,
              invitationsRevoked,
            },
          },
          tx,
        );
        return true;
      }),
  );
  if (changed) await syncMembersToCluster(workspaceId);
  return { changed };
}
