import type { WorkspaceContext } from "@/lib/authz/context";
import { assignableRoles, can, type Role } from "@/lib/authz/permissions";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { OPEN_INVITATION, invitationState } from "@/lib/invitations/invitation-state";

export interface OpenInvitation {
  id: string;
  email: string;
  role: Role;
  status: "pending" | "expired";
  expiresAt: Date;
  createdAt: Date;
  invitedByName: string | null;
  /** Resending hands out the role again, so only up to the viewer's own role. */
  canResend: boolean;
}

/** The workspace's unanswered, unrevoked invitations (pending or expired), newest first. */
export async function listInvitations(context: WorkspaceContext): Promise<OpenInvitation[]> {
  if (!can(context.membership.role, "invitation.manage")) throw AppError.forbidden();
  const assignable = assignableRoles(context.membership.role);
  const now = new Date();
  const rows = await db().invitation.findMany({
    where: { workspaceId: context.workspace.id, ...OPEN_INVITATION },
    orderBy: { createdAt: "desc" },
    take: 200,
    select: {
      id: true,
      email: true,
      role: true,
      expiresAt: true,
      createdAt: true,
      acceptedAt: true,
      declinedAt: true,
      revokedAt: true,
      invitedBy: { select: { name: true } },
    },
  });
  return rows.map((row) => ({
    id: row.id,
    email: row.email,
    role: row.role,
    status: invitationState(row, now) === "expired" ? "expired" : "pending",
    expiresAt: row.expiresAt,
    createdAt: row.createdAt,
    invitedByName: row.invitedBy.name,
    canResend: assignable.includes(row.role),
  }));
}
