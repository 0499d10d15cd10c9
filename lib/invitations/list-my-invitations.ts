import type { Actor } from "@/lib/authz/context";
import { db } from "@/lib/db/client";
import type { Role } from "@/lib/authz/permissions";
import { OPEN_INVITATION } from "@/lib/invitations/invitation-state";

export interface MyInvitation {
  id: string;
  workspaceName: string;
  role: Role;
  invitedBy: string | null;
  expiresAt: Date;
}

/**
 * The open invitations to the signed-in user's verified address (the dashboard lists them).
 * An unverified address sees none: an invitation is bound to the verified email.
 */
export async function listMyInvitations(actor: Actor, now: Date = new Date()): Promise<MyInvitation[]> {
  const user = await db().user.findUnique({
    where: { id: actor.userId },
    select: { email: true, emailVerified: true },
  });
  if (!user?.email || !user.emailVerified) return [];
  const rows = await db().invitation.findMany({
    where: {
      email: { equals: user.email, mode: "insensitive" },
      ...OPEN_INVITATION,
      expiresAt: { gt: now },
      workspace: { deletedAt: null },
    },
    orderBy: { createdAt: "desc" },
    take: 20,
    select: {
      id: true,
      role: true,
      expiresAt: true,
      invitedBy: { select: { name: true, email: true } },
      workspace: { select: { displayName: true } },
    },
  });
  return rows.map((r) => ({
    id: r.id,
    workspaceName: r.workspace.displayName,
    role: r.role,
    invitedBy: r.invitedBy.name ?? r.invitedBy.email,
    expiresAt: r.expiresAt,
  }));
}
