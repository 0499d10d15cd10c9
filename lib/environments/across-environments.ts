import type { WorkspaceContext } from "@/lib/authz/context";
import { authorizeWorkspace } from "@/lib/authz/guard";
import { can, type Permission } from "@/lib/authz/permissions";
import { toAppError } from "@/lib/errors/app-error";
import { memberEnvironments } from "@/lib/environments/member-environments";
import { componentLogger } from "@/lib/observability/logger";

// The workspace-wide views of per-environment lists (runtimes, volumes): one read per
// environment, each through the one guard in that environment with `permission`, so a
// member sees an environment's things only where their role there allows it. Environments
// the member's role there does not allow are left out before the guard is asked (a view
// that merely lists is no attempt to record as refused); one the cluster cannot answer for
// is listed with an error instead of failing the whole view.

const log = componentLogger("environments");

export interface EnvironmentSlice<T> {
  environment: string;
  displayName: string;
  namespace: string;
  items: T[];
  /** Set when this environment could not be read (the others still are). */
  error?: string;
}

export async function acrossEnvironments<T>(
  workspace: WorkspaceContext,
  permission: Permission,
  read: (context: WorkspaceContext) => Promise<T[]>,
): Promise<EnvironmentSlice<T>[]> {
  const actor = workspace.actor;
  // The workspace role (the default environment's), which environment roles only lower.
  const base = await authorizeWorkspace(actor, workspace.workspace.slug, "workspace.read");
  const visible = (await memberEnvironments(base.workspace, base.membership.id, base.membership.role)).filter((e) =>
    can(e.role, permission),
  );
  return Promise.all(
    visible.map(async ({ environment, displayName }): Promise<EnvironmentSlice<T>> => {
      const context = await authorizeWorkspace(actor, workspace.workspace.slug, permission, environment);
      try {
        return { environment, displayName, namespace: context.namespace, items: await read(context) };
      } catch (error) {
        const appError = toAppError(error);
        if (appError.code === "INTERNAL")
          log.error({ err: error, workspaceId: context.workspace.id, environment }, "reading an environment failed");
        return { environment, displayName, namespace: context.namespace, items: [], error: appError.userMessage };
      }
    }),
  );
}
