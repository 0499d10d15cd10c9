import { z } from "zod";
import type { WorkspaceContext } from "@/lib/authz/context";
import { can } from "@/lib/authz/permissions";
import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { OPEN_INVITATION } from "@/lib/invitations/invitation-state";

export const revokeInvitationInput = z.object({
  invitationId: z.string({ error: "Choose an invitation." }).min(1, "Choose an invitation.").max(64),
});

/** Revokes an open invitation of this workspace; its link stops working at once. */
export async function revokeInvitation(
  context: WorkspaceContext,
  input: z.output<typeof revokeInvitationInput>,
): Promise<{ email: string }> {
  if (!can(context.membership.role, "invitation.manage")) throw AppError.forbidden();
  const workspaceId = context.workspace.id;
  return db().$transaction(async (tx) => {
    // The workspace from the guard is in every lookup: another workspace's id is "not found".
    const invitation = await tx.invitation.findFirst({
      where: { id: input.invitationId, workspaceId, ...OPEN_INVITATION },
      select: { id: true, email: true, role: true },
    });
    if (!invitation) throw AppError.notFound("Invitation");
    const revoked = await tx.invitation.updateMany({
      where: { id: invitation.id, workspaceId, ...OPEN_INVITATION },
      data: { revokedAt: new Date() },
    });
    if (revoked.count !== 1) throw AppError.notFound("Invitation");
    await recordAudit(
      {
        workspaceId,
        actor: context.actor,
        action: "invitation.revoke",
        outcome: "SUCCESS",
        targetType: "invitation",
        targetId: invitation.id,
        details: { email: invitation.email, role: invitation.role },
      },
      tx,
    );
    return { email: invitation.email };
  });
}
