import { db } from "@/lib/db/client";
import { ROLE_LABELS } from "@/lib/authz/permissions";
import { OPEN_INVITATION } from "@/lib/invitations/invitation-state";
import { notify } from "@/lib/notifications/notify";

// An invitation notifies the invitee once (key: the invitation): when it is made, if the
// invitee already has an account with that verified address, and otherwise at their first
// sign-in with it. It leads to the dashboard, which lists open invitations.

const select = {
  id: true,
  email: true,
  role: true,
  workspaceId: true,
  invitedBy: { select: { name: true, email: true } },
  workspace: { select: { displayName: true } },
} as const;

type Row = {
  id: string;
  email: string;
  role: keyof typeof ROLE_LABELS;
  workspaceId: string;
  invitedBy: { name: string | null; email: string | null };
  workspace: { displayName: string };
};

function notifyOne(userId: string, invitation: Row): Promise<number> {
  const inviter = invitation.invitedBy.name ?? invitation.invitedBy.email ?? "Someone";
  return notify([userId], {
    kind: "INVITATION",
    key: `invitation:${invitation.id}`,
    title: `${inviter} invited you to ${invitation.workspace.displayName}`,
    body: `As ${ROLE_LABELS[invitation.role].toLowerCase()}. Open the link in the invitation email to answer it.`,
    href: "/dashboard",
    subjectType: "invitation",
    subjectId: invitation.id,
  });
}

/** Notifies the invitee of a new invitation, when they have an account with that verified address. */
export async function notifyInvitation(invitationId: string): Promise<number> {
  const invitation = await db().invitation.findUnique({ where: { id: invitationId }, select });
  if (!invitation) return 0;
  const invitee = await db().user.findFirst({
    where: { email: { equals: invitation.email, mode: "insensitive" }, emailVerified: { not: null } },
    select: { id: true },
  });
  return invitee ? notifyOne(invitee.id, invitation) : 0;
}

/** At sign-in: notifies the user of every open invitation to their verified address. */
export async function notifyOpenInvitations(userId: string, now: Date = new Date()): Promise<number> {
  const user = await db().user.findUnique({ where: { id: userId }, select: { email: true, emailVerified: true } });
  if (!user?.email || !user.emailVerified) return 0;
  const invitations = await db().invitation.findMany({
    where: {
      email: { equals: user.email, mode: "insensitive" },
      ...OPEN_INVITATION,
      expiresAt: { gt: now },
      workspace: { deletedAt: null },
    },
    select,
  });
  let created = 0;
  for (const invitation of invitations) created += await notifyOne(userId, invitation);
  return created;
}
