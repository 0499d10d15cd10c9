import type { WorkspaceContext } from "@/lib/authz/context";
import { db } from "@/lib/db/client";

/** The workspace's monthly statements, newest first. */
export async function listStatements(context: WorkspaceContext) {
  return db().statement.findMany({
    where: { workspaceId: context.workspace.id },
    orderBy: { month: "desc" },
    select: { id: true, month: true, totalMicros: true, issuedAt: true },
  });
}
