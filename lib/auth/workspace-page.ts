import "server-only";
import { cache } from "react";
import { notFound } from "next/navigation";
import { requireSession } from "@/lib/auth/session";
import { authorizeWorkspace } from "@/lib/authz/guard";
import type { WorkspaceContext } from "@/lib/authz/context";
import { AppError } from "@/lib/errors/app-error";

/**
 * The workspace a page shows, through the one guard (read permission); a workspace the
 * user does not belong to is a 404. Read once per request.
 */
export const workspacePage = cache(async (slug: string): Promise<WorkspaceContext> => {
  const session = await requireSession();
  try {
    return await authorizeWorkspace({ userId: session.user.id }, slug, "workspace.read");
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    throw error;
  }
});
