import "server-only";
import { cache } from "react";
import { notFound, redirect } from "next/navigation";
import { requireSession } from "@/lib/auth/session";
import { authorizeWorkspace } from "@/lib/authz/guard";
import type { WorkspaceContext } from "@/lib/authz/context";
import { AppError } from "@/lib/errors/app-error";
import { lostMembership } from "@/lib/members/lost-membership";
import { DEFAULT_ENVIRONMENT } from "@/lib/environments/environment-param";

/**
 * The workspace a page shows, through the one guard (read permission); a workspace the
 * user does not belong to is a 404, except for someone who was removed from it or left it:
 * they are told so (and where to go). So is an environment the workspace does not have. The
 * page acts in `environment` (its `?env=`, lib/environments/environment-param.ts) with the
 * member's role there. Read once per request.
 */
export const workspacePage = cache(
  async (slug: string, environment = DEFAULT_ENVIRONMENT): Promise<WorkspaceContext> => {
    const session = await requireSession();
    try {
      return await authorizeWorkspace({ userId: session.user.id }, slug, "workspace.read", environment);
    } catch (error) {
      if (error instanceof AppError && error.code === "NOT_FOUND") {
        if (await lostMembership(session.user.id, slug))
          redirect(`/workspaces/access-ended?workspace=${encodeURIComponent(slug)}`);
        notFound();
      }
      throw error;
    }
  },
);
