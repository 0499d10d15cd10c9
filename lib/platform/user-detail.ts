import type { Role } from "@/lib/authz/permissions";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";

// One user as the operator console shows them: who they are, whether they are disabled or an
// administrator, their workspaces with their role, and what they hold right now (sessions,
// kubeconfigs that are neither revoked nor expired).

export interface UserDetail {
  id: string;
  name: string | null;
  email: string | null;
  createdAt: Date;
  disabledAt: Date | null;
  admin: boolean;
  sessions: number;
  liveKubeconfigs: number;
  workspaces: { id: string; slug: string; displayName: string; kind: "PERSONAL" | "TEAM"; role: Role }[];
}

export async function userDetail(userId: string): Promise<UserDetail> {
  const now = new Date();
  const user = await db().user.findUnique({
    where: { id: userId },
    select: {
      id: true,
      name: true,
      email: true,
      createdAt: true,
      disabledAt: true,
      platformAdmin: { select: { revokedAt: true } },
      memberships: {
        where: { workspace: { deletedAt: null } },
        orderBy: { createdAt: "asc" },
        select: { role: true, workspace: { select: { id: true, slug: true, displayName: true, kind: true } } },
      },
      _count: {
        select: {
          sessions: { where: { expires: { gt: now } } },
          kubeconfigs: { where: { revokedAt: null, expiresAt: { gt: now } } },
        },
      },
    },
  });
  if (!user) throw AppError.notFound("That user");
  return {
    id: user.id,
    name: user.name,
    email: user.email,
    createdAt: user.createdAt,
    disabledAt: user.disabledAt,
    admin: user.platformAdmin !== null && user.platformAdmin.revokedAt === null,
    sessions: user._count.sessions,
    liveKubeconfigs: user._count.kubeconfigs,
    workspaces: user.memberships.map((m) => ({ ...m.workspace, role: m.role })),
  };
}
