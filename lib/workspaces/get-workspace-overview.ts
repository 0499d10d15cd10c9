import type { WorkspaceContext } from "@/lib/authz/context";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";

export interface WorkspaceOverview {
  status: "PROVISIONING" | "READY" | "DELETING" | "DELETED";
  plan: { id: string; name: string; description: string };
  memberCount: number;
  createdAt: Date;
}

/** What the overview page shows about the guard's workspace, besides quota and activity. */
export async function getWorkspaceOverview(context: WorkspaceContext): Promise<WorkspaceOverview> {
  const workspace = await db().workspace.findFirst({
    where: { id: context.workspace.id, deletedAt: null },
    select: {
      status: true,
      createdAt: true,
      plan: { select: { id: true, name: true, description: true } },
      _count: { select: { memberships: true } },
    },
  });
  if (!workspace) throw AppError.notFound("Workspace");
  const { _count, ...rest } = workspace;
  return { ...rest, memberCount: _count.memberships };
}
