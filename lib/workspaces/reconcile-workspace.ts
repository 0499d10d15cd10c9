import type { WorkspaceContext } from "@/lib/authz/context";
import { can } from "@/lib/authz/permissions";
import { recordAudit } from "@/lib/audit/record";
import { AppError, toAppError } from "@/lib/errors/app-error";
import { provisionWorkspace } from "@/lib/tenancy/provision-workspace";

/**
 * Re-applies one workspace's cluster configuration now (what the reconciler does on its
 * next pass), for an owner or admin who does not want to wait for it.
 */
export async function reconcileWorkspace(context: WorkspaceContext): Promise<void> {
  if (!can(context.membership.role, "workspace.reconcile")) throw AppError.forbidden();
  if (context.workspace.status === "DELETING") {
    throw new AppError("CONFLICT", "This workspace is being deleted; its configuration is no longer applied.");
  }
  const entry = {
    workspaceId: context.workspace.id,
    actor: context.actor,
    action: "workspace.reconcile",
    targetType: "workspace",
    targetId: context.workspace.id,
  };
  try {
    await provisionWorkspace(context.workspace.id);
  } catch (error) {
    const appError = toAppError(error);
    await recordAudit({ ...entry, outcome: "FAILED", details: { error: appError.code } });
    // Anything unclassified here is the cluster being unreachable, not a bug in the request.
    if (appError.code !== "INTERNAL") throw appError;
    throw new AppError("UNAVAILABLE", "The cluster could not be reached. Please try again in a moment.", {
      cause: error,
    });
  }
  await recordAudit({ ...entry, outcome: "SUCCESS" });
}
