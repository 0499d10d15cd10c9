import type { WorkspaceContext } from "@/lib/authz/context";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";

export interface WorkspaceDetails {
  displayName: string;
  slug: string;
  namespace: string;
  kind: "PERSONAL" | "TEAM";
  plan: { id: string; name: string; description: string };
  createdAt: Date;
}

/** What the settings page shows about the guard's workspace. */
export async function getWorkspaceDetails(context: WorkspaceContext): Promise<WorkspaceDetails> {
  const workspace = await db().workspace.findFirst({
    where: { id: context.workspace.id, deletedAt: null },
    select: {
      displayName: true,
      slug: true,
      kind: true,
      createdAt: true,
      plan: { select: { id: true, name: true, description: true } },
    },
  });
  if (!workspace) throw AppError.notFound("Workspace");
  return { ...workspace, namespace: context.namespace };
}
