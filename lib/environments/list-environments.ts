import type { WorkspaceContext } from "@/lib/authz/context";
import { db } from "@/lib/db/client";
import { effectiveLimits } from "@/lib/quotas/effective-limits";
import { environmentUsage } from "@/lib/environments/environment-usage";
import { SLICE_SELECT, slicesOf, workspaceTotal, type Slice } from "@/lib/environments/quota-slices";

// The workspace's environments with each one's slice of the quota and what it uses: the
// switcher and the Environments settings page read this.

export interface EnvironmentSummary {
  environment: string;
  displayName: string;
  namespace: string;
  slice: Slice;
  /** Null when the environment's quota could not be read (the page says so rather than failing). */
  used: Slice | null;
}

export interface EnvironmentList {
  /** The workspace's whole quota, which the slices add up to. */
  total: Slice;
  environments: EnvironmentSummary[];
}

export async function listEnvironments(context: WorkspaceContext): Promise<EnvironmentList> {
  const workspace = await db().workspace.findUniqueOrThrow({
    where: { id: context.workspace.id },
    select: {
      plan: true,
      quotaOverride: true,
      namespaces: {
        select: { environment: true, displayName: true, name: true, ...SLICE_SELECT },
        orderBy: { createdAt: "asc" },
      },
    },
  });
  const limits = effectiveLimits(workspace.plan, workspace.quotaOverride);
  const slices = slicesOf(limits, workspace.namespaces);
  const environments = await Promise.all(
    workspace.namespaces.map(async (n) => ({
      environment: n.environment,
      displayName: n.displayName,
      namespace: n.name,
      slice: slices.get(n.environment)!,
      used: await environmentUsage(context, n.name).catch(() => null),
    })),
  );
  return { total: workspaceTotal(limits), environments };
}
