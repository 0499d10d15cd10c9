import { z } from "zod";
import type { WorkspaceContext } from "@/lib/authz/guard";
import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import {
  findMember,
  lockWorkspace,
  lockedActorRole,
  syncMembersToCluster,
  withDeniedAudit,
} from "@/lib/tenancy/membership-tx";

export const transferOwnershipInput = z.object({
  membershipId: z.string().trim().min(1, "Choose the new owner.").max(64),
});

/** Hands the workspace to another member: they become owner and the actor becomes admin, together. */
export async function transferOwnership(
  context: WorkspaceContext,
  input: z.output<typeof transferOwnershipInput>,
): Promise<void> {
  const workspaceId = context.workspace.id;
  await withDeniedAudit(context, "workspace.transfer", { type: "membership", id: input.membershipId }, () =>
    db().$transaction(async (tx) => {
      const workspace = await lockWorkspace(tx, workspaceId);
      await lockedActorRole(tx, context, "workspace.transfer");
      if (workspace.kind === "PERSONAL") {
        throw new AppError("CONFLICT", "A personal workspace always belongs to its owner and cannot be transferred.");
      }
      const target = await findMember(tx, workspaceId, input.membershipId);
      if (target.id === context.membership.id) {
        throw AppError.invalid("membershipId", "Choose another member; you already own this workspace.");
      }
      await tx.membership.update({ where: { id: target.id }, data: { role: "OWNER" } });
      await tx.membership.update({ where: { id: context.membership.id }, data: { role: "ADMIN" } });
      await recordAudit(
        {
          workspaceId,
          actor: context.actor,
          action: "workspace.transfer",
          outcome: "SUCCESS",
          targetType: "membership",
          targetId: target.id,
          details: {
            toUserId: target.userId,
            toEmail: target.user.email,
            toPreviousRole: target.role,
            fromUserId: context.actor.userId,
            fromNewRole: "ADMIN",
          },
        },
        tx,
      );
    }),
  );
  await syncMembersToCluster(workspaceId);
}
