import { z } from "zod";
import type { WorkspaceContext } from "@/lib/authz/guard";
import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { LAST_OWNER_MESSAGE, canRemove } from "@/lib/tenancy/member-rules";
import {
  countOwners,
  findMember,
  lockWorkspace,
  lockedActorRole,
  syncMembersToCluster,
  withDeniedAudit,
} from "@/lib/tenancy/membership-tx";

export const removeMemberInput = z.object({
  membershipId: z.string().trim().min(1, "Choose a member.").max(64),
});

/**
 * Removes someone else from the workspace. Right after the commit their ServiceAccount
 * and RoleBinding are deleted, which also invalidates every token issued for them.
 */
export async function removeMember(
  context: WorkspaceContext,
  input: z.output<typeof removeMemberInput>,
): Promise<void> {
  const workspaceId = context.workspace.id;
  await withDeniedAudit(context, "member.remove", { type: "membership", id: input.membershipId }, () =>
    db().$transaction(async (tx) => {
      const workspace = await lockWorkspace(tx, workspaceId);
      const actorRole = await lockedActorRole(tx, context, "member.remove");
      const target = await findMember(tx, workspaceId, input.membershipId);
      if (target.id === context.membership.id) {
        throw new AppError("INVALID_INPUT", "To remove yourself, use “Leave workspace”.");
      }
      const isPersonalOwner = target.userId === workspace.personalOwnerId;
      if (isPersonalOwner) throw AppError.forbidden("The owner of a personal workspace cannot be removed from it.");
      if (
        !canRemove(actorRole, context.membership.id, { membershipId: target.id, role: target.role, isPersonalOwner })
      ) {
        throw AppError.forbidden("Only an owner can remove an owner.");
      }
      if (target.role === "OWNER" && (await countOwners(tx, workspaceId)) <= 1) {
        throw new AppError("CONFLICT", LAST_OWNER_MESSAGE);
      }
      await tx.membership.delete({ where: { id: target.id } });
      await recordAudit(
        {
          workspaceId,
          actor: context.actor,
          action: "member.remove",
          outcome: "SUCCESS",
          targetType: "membership",
          targetId: target.id,
          details: { userId: target.userId, email: target.user.email, role: target.role },
        },
        tx,
      );
    }),
  );
  await syncMembersToCluster(workspaceId);
}
