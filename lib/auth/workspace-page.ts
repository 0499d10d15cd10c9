import "server-only";
import { cache } from "react";
import { notFound, redirect } from "next/navigation";
import { requireSession } from "@/lib/auth/session";
import { authorizeWorkspace } from "@/lib/authz/guard";
import type { WorkspaceContext } from "@/lib/authz/context";
import { AppError } from "@/lib/errors/app-error";
import { lostMembership } from "@/lib/members/lost-membership";
import { DEFAULT_ENVIRONMENT } from "@/lib/environments/environment-param";
import { memberEnvironments, type MemberEnvironment } from "@/lib/environments/member-environments";

/**
 * The workspace a page shows, through the one guard (read permission); a workspace the
 * user does not belong to is a 404, except for someone who was removed from it or left it:
 * they are told so (and where to go). So is an environment the workspace does not have. The
 * page acts in `environment` (its `?env=`, lib/environments/environment-param.ts) with the
 * member's role there. Read once per request.
 */
export function workspacePage(slug: string, environment = DEFAULT_ENVIRONMENT): Promise<WorkspaceContext> {
  // React's cache keys on the arguments as passed: the layout's workspacePage(slug) and the
  // page's workspacePage(slug, "default") would each run the guard.
  return guardedWorkspace(slug, environment);
}

const guardedWorkspace = cache(async (slug: string, environment: string): Promise<WorkspaceContext> => {
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
});

/**
 * The workspace's environments with the member's workspace role lowered where an environment
 * role says so, read once per request: the layout's switcher and the page's environment scope
 * both show them. Behind the guard, like every read of the page.
 */
export const workspaceEnvironments = cache(async (slug: string): Promise<MemberEnvironment[]> => {
  const { workspace, membership } = await workspacePage(slug);
  return memberEnvironments(workspace, membership.id, membership.role);
});
