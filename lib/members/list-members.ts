import type { WorkspaceContext } from "@/lib/authz/context";
import { ROLES, type Role } from "@/lib/authz/permissions";
import { db } from "@/lib/db/client";

export interface MemberSummary {
  membershipId: string;
  userId: string;
  name: string | null;
  email: string | null;
  role: Role;
  joinedAt: Date;
  /** The owner of a personal workspace, whose membership never changes. */
  isPersonalOwner: boolean;
}

/** The members of the guard's workspace: highest role first, then by who joined first. */
export async function listMembers(context: WorkspaceContext): Promise<MemberSummary[]> {
  const workspace = await db().workspace.findFirst({
    where: { id: context.workspace.id, deletedAt: null },
    select: {
      personalOwnerId: true,
      memberships: {
        orderBy: { createdAt: "asc" },
        select: { id: true, userId: true, role: true, createdAt: true, user: { select: { name: true, email: true } } },
      },
    },
  });
  if (!workspace) return [];
  const rank = (role: Role) => ROLES.indexOf(role);
  return workspace.memberships
    .map((m) => ({
      membershipId: m.id,
      userId: m.userId,
      name: m.user.name,
      email: m.user.email,
      role: m.role,
      joinedAt: m.createdAt,
      isPersonalOwner: m.userId === workspace.personalOwnerId,
    }))
    .sort((a, b) => rank(b.role) - rank(a.role) || a.joinedAt.getTime() - b.joinedAt.getTime());
}
