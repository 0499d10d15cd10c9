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
  // Always both arguments: React's cache keys on them as passed, and the layout's call without
  // an environment must meet the page's with "default".
  return workspacePageIn(slug, environment);
}

const workspacePageIn = cache(async (slug: string, environment: string): Promise<WorkspaceContext> => {
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
 * The workspace's environments with the member's role in each (the switcher in the layout,
 * a page's environment scope): read once per request.
 */
export const workspacePageEnvironments = cache(async (slug: string): Promise<MemberEnvironment[]> => {
  const { workspace, membership } = await workspacePage(slug);
  return memberEnvironments(workspace, membership.id, membership.role);
});

/** Their names only, what a page's environment scope shows. */
export async function workspacePageEnvironmentNames(
  slug: string,
): Promise<{ environment: string; displayName: string }[]> {
  return (await workspacePageEnvironments(slug)).map(({ environment, displayName }) => ({ environment, displayName }));
}
