import { z } from "zod";
import type { WorkspaceContext } from "@/lib/authz/context";
import { assignableRoles, can, ROLES, type Role } from "@/lib/authz/permissions";
import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { sendInvitationEmail } from "@/lib/invitations/invitation-email";
import { lockWorkspace, lockedActorRole } from "@/lib/members/membership-tx";
import { OPEN_INVITATION } from "@/lib/invitations/invitation-state";
import { notifyInvitation } from "@/lib/notifications/invitation-notifications";
import { enforceRateLimit } from "@/lib/rate-limits/enforce-rate-limit";
import { invitationExpiry, invitationLink, newInvitationToken } from "@/lib/invitations/invitation-token";
import { componentLogger } from "@/lib/observability/logger";

const log = componentLogger("notifications");

export const inviteMemberInput = z.object({
  email: z
    .string({ error: "Enter an email address." })
    .trim()
    .toLowerCase()
    .min(1, "Enter an email address.")
    .max(254, "Use at most 254 characters.")
    .pipe(z.email({ error: "Enter a valid email address." })),
  role: z.enum(ROLES, { error: "Choose a role." }),
});

export interface IssuedInvitation {
  invitationId: string;
  email: string;
  role: Role;
  /** The link with the token: shown once to the inviter, never stored. */
  link: string;
  expiresAt: Date;
  delivery: "sent" | "failed" | "outbox";
}

const NOT_ASSIGNABLE_MESSAGE = "You can only invite people with a role up to your own.";

/** Refuses a role above the inviter's own, and records the attempt. */
export async function assertAssignable(context: WorkspaceContext, role: Role, action: string): Promise<void> {
  if (assignableRoles(context.membership.role).includes(role)) return;
  await recordAudit({
    workspaceId: context.workspace.id,
    actor: context.actor,
    action,
    outcome: "DENIED",
    details: { role: context.membership.role, requestedRole: role },
  });
  throw new AppError("FORBIDDEN", NOT_ASSIGNABLE_MESSAGE, { fieldErrors: { role: [NOT_ASSIGNABLE_MESSAGE] } });
}

/**
 * Invites an email address into the workspace with a role no higher than the inviter's.
 * The token is returned (for the link shown once) and emailed; only its hash is stored.
 */
export async function inviteMember(
  context: WorkspaceContext,
  input: z.output<typeof inviteMemberInput>,
): Promise<IssuedInvitation> {
  if (!can(context.membership.role, "member.invite")) throw AppError.forbidden();
  await assertAssignable(context, input.role, "invitation.create");
  await enforceRateLimit(
    "invitation.send",
    { user: context.actor.userId, workspace: context.workspace.id },
    { action: "invitation.create", workspaceId: context.workspace.id, actor: context.actor },
  );
  const workspaceId = context.workspace.id;
  // The schema normalizes too; stored lower-cased whatever the caller passed.
  const email = input.email.trim().toLowerCase();

  const { token, tokenHash } = newInvitationToken();
  const expiresAt = invitationExpiry();
  // Under the workspace lock, so that of concurrent invitations of one address exactly one
  // is written, and with the inviter's role as it is now (they may have been demoted).
  const invitation = await db().$transaction(async (tx) => {
    await lockWorkspace(tx, workspaceId);
    const role = await lockedActorRole(tx, context, "member.invite");
    if (!assignableRoles(role).includes(input.role)) throw AppError.forbidden(NOT_ASSIGNABLE_MESSAGE);
    const member = await tx.membership.findFirst({
      where: { workspaceId, user: { email: { equals: email, mode: "insensitive" } } },
      select: { id: true },
    });
    if (member) throw AppError.invalid("email", "This person is already a member of this workspace.");
    const pending = await tx.invitation.findFirst({
      // Expired ones too: resending renews them, so one row per person stays in the list.
      where: { workspaceId, email, ...OPEN_INVITATION },
      select: { id: true },
    });
    if (pending) {
      throw AppError.invalid("email", "This email already has an open invitation. Resend it from the list instead.");
    }
    const row = await tx.invitation.create({
      data: {
        workspaceId,
        email,
        role: input.role,
        tokenHash,
        expiresAt,
        invitedById: context.actor.userId,
      },
      select: { id: true, invitedBy: { select: { name: true } } },
    });
    await recordAudit(
      {
        workspaceId,
        actor: context.actor,
        action: "invitation.create",
        outcome: "SUCCESS",
        targetType: "invitation",
        targetId: row.id,
        details: { email, role: input.role },
      },
      tx,
    );
    return row;
  });

  const { delivery } = await sendInvitationEmail({
    to: email,
    token,
    workspaceName: context.workspace.displayName,
    inviterName: invitation.invitedBy.name ?? "A workspace admin",
    role: input.role,
    expiresAt,
  });
  // After commit, like the email: a failure here loses only the in-app notice.
  await notifyInvitation(invitation.id).catch((error: unknown) =>
    log.error({ err: error, invitationId: invitation.id }, "invitation not notified"),
  );
  return {
    invitationId: invitation.id,
    email,
    role: input.role,
    link: invitationLink(token),
    expiresAt,
    delivery,
  };
}
