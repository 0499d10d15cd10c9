import { db } from "@/lib/db/client";
import { holdWorkloads, releaseWorkloads } from "@/lib/billing/hold-workloads";
import { waitForHold } from "@/lib/billing/hold-in-force";
import { provisionWorkspace } from "@/lib/tenancy/provision-workspace";

export { SUSPENDED_REPLICAS_ANNOTATION } from "@/lib/billing/workload-kinds";

// Suspension for lack of credit, in the cluster. While BillingHold.suspendedAt is set, the
// workspace's bundle carries the hold (lib/tenancy/workspace-bundle.ts): its namespace label
// switches on the admission policies that refuse any start or scale-up
// (lib/tenancy/billing-hold-policy.ts), and its ResourceQuota allows no pod. Once both are in
// force, everything that runs is stopped and what it ran is kept in PostgreSQL
// (lib/billing/hold-workloads.ts). Resuming lifts the hold, then restores exactly that.
// Nothing is deleted but bare pods, which are created again; volumes are not touched.

async function namespacesOf(workspaceId: string): Promise<string[]> {
  const rows = await db().workspaceNamespace.findMany({ where: { workspaceId }, select: { name: true } });
  return rows.map((r) => r.name);
}

/**
 * Puts a workspace whose hold has just been marked suspended (BillingHold.suspendedAt) on hold
 * in the cluster; returns what it stopped.
 */
export async function suspendWorkspace(workspaceId: string): Promise<string[]> {
  await provisionWorkspace(workspaceId);
  const stopped: string[] = [];
  for (const namespace of await namespacesOf(workspaceId)) {
    await waitForHold(namespace, true);
    stopped.push(...(await holdWorkloads(workspaceId, namespace)));
    // A write admitted just before the hold was in force may land after the first look.
    stopped.push(...(await holdWorkloads(workspaceId, namespace)));
  }
  return [...new Set(stopped)];
}

/**
 * For a workspace that stays suspended: stops anything that runs again (which only tampering
 * with the hold makes possible; the reconciler restores the label and quota). Returns what it
 * had to stop.
 */
export async function keepSuspended(workspaceId: string): Promise<string[]> {
  const stopped: string[] = [];
  for (const namespace of await namespacesOf(workspaceId))
    stopped.push(...(await holdWorkloads(workspaceId, namespace)));
  return stopped;
}

/** Whether billing or an operator still suspends the workspace. */
async function stillSuspended(workspaceId: string): Promise<boolean> {
  const workspace = await db().workspace.findUnique({
    where: { id: workspaceId },
    select: { billingHold: { select: { suspendedAt: true } }, operatorSuspension: { select: { since: true } } },
  });
  return Boolean(workspace?.billingHold?.suspendedAt) || Boolean(workspace?.operatorSuspension);
}

/**
 * Lifts the hold of a workspace that is no longer suspended (its BillingHold gone) and
 * restores what the hold stopped; returns what it restored. A workspace still suspended for
 * the other reason (an operator's suspension outlives billing's resume, and the reverse) stays
 * held, its workloads kept for the last resume.
 */
export async function resumeWorkspace(workspaceId: string): Promise<string[]> {
  if (await stillSuspended(workspaceId)) return [];
  await provisionWorkspace(workspaceId);
  const restored: string[] = [];
  for (const namespace of await namespacesOf(workspaceId)) {
    await waitForHold(namespace, false);
    restored.push(...(await releaseWorkloads(workspaceId, namespace)));
  }
  return restored;
}

/** Workspaces (of those named, or all) with workloads still to restore although no hold is in force. */
export async function unfinishedResumes(workspaceIds?: string[]): Promise<string[]> {
  const rows = await db().heldWorkload.findMany({
    where: {
      ...(workspaceIds ? { workspaceId: { in: workspaceIds } } : {}),
      workspace: {
        deletedAt: null,
        operatorSuspension: { is: null },
        OR: [{ billingHold: { is: null } }, { billingHold: { is: { suspendedAt: null } } }],
      },
    },
    distinct: ["workspaceId"],
    select: { workspaceId: true },
  });
  return rows.map((r) => r.workspaceId);
}
