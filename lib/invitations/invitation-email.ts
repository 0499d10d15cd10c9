import { ROLE_LABELS, type Role } from "@/lib/authz/permissions";
import { sendMail } from "@/lib/mail/send-mail";
import { invitationLink } from "@/lib/invitations/invitation-token";

export interface InvitationEmail {
  to: string;
  token: string;
  workspaceName: string;
  inviterName: string;
  role: Role;
  expiresAt: Date;
}

const escapeHtml = (value: string) =>
  value.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/** Sends (or, without SMTP, stores in the development outbox) the invitation email. */
export function sendInvitationEmail(invitation: InvitationEmail): ReturnType<typeof sendMail> {
  const link = invitationLink(invitation.token);
  const role = ROLE_LABELS[invitation.role];
  const expires = invitation.expiresAt.toUTCString();
  const subject = `${invitation.inviterName} invited you to ${invitation.workspaceName} on Canopy`;
  const text = [
    `${invitation.inviterName} invited you to join the workspace "${invitation.workspaceName}" on Canopy as ${role}.`,
    "",
    `Accept or decline the invitation here:`,
    link,
    "",
    `Sign in with ${invitation.to} to accept it. The link works once and expires on ${expires}.`,
    "If you did not expect this invitation, you can ignore this email.",
  ].join("\n");
  const html = `<p>${escapeHtml(invitation.inviterName)} invited you to join the workspace <strong>${escapeHtml(
    invitation.workspaceName,
  )}</strong> on Canopy as ${escapeHtml(role)}.</p>
<p><a href="${escapeHtml(link)}">Accept or decline the invitation</a></p>
<p>Sign in with ${escapeHtml(invitation.to)} to accept it. The link works once and expires on ${escapeHtml(expires)}.</p>
<p>If you did not expect this invitation, you can ignore this email.</p>`;
  return sendMail({ to: invitation.to, subject, text, html, secrets: [invitation.token] });
}
