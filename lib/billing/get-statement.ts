import type { WorkspaceContext } from "@/lib/authz/context";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";

/** One month's statement of the workspace, with its lines; NOT_FOUND when none was issued. */
export async function getStatement(context: WorkspaceContext, month: Date) {
  const statement = await db().statement.findUnique({
    where: { workspaceId_month: { workspaceId: context.workspace.id, month } },
    include: { lines: { orderBy: [{ subjectName: "asc" }, { resource: "asc" }] } },
  });
  if (!statement) throw AppError.notFound("Statement");
  return statement;
}
