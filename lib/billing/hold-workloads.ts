import type { HeldWorkloadKind, Prisma } from "@/lib/db/generated/client";
import { db } from "@/lib/db/client";
import { hasStatus } from "@/lib/kube/status";
import { podToRecreate, workloadKinds, type FoundWorkload } from "@/lib/billing/workload-kinds";

// Stopping and restoring what runs in a held namespace. Every workload is seen, whatever its
// labels or annotations say: tenants can write those. What ran before the hold is written to
// PostgreSQL (held_workloads) before the workload is stopped, and resuming restores exactly
// that. Things a held controller runs stop with it: a ReplicaSet its Deployment controls, the
// pods of a ReplicaSet, StatefulSet, ReplicationController or Job. Any other live pod (bare,
// or claiming a controller that is none of those) is recorded and deleted.

/** Kinds that own pods, so that stopping them stops their pods. */
const POD_OWNERS: HeldWorkloadKind[] = ["REPLICA_SET", "STATEFUL_SET", "REPLICATION_CONTROLLER", "JOB"];

const label = (w: { kind: HeldWorkloadKind; name: string }) => `${w.kind}/${w.name}`;

/** The workloads that must stop for nothing to run, once their controllers have. */
function toStop(found: FoundWorkload[]): FoundWorkload[] {
  const uidsOf = (kinds: HeldWorkloadKind[]) => new Set(found.filter((w) => kinds.includes(w.kind)).map((w) => w.uid));
  const deployments = uidsOf(["DEPLOYMENT"]);
  const podOwners = uidsOf(POD_OWNERS);
  return found.filter((w) => {
    if (!w.active) return false;
    if (w.kind === "REPLICA_SET" && w.controller && deployments.has(w.controller)) return false;
    if (w.kind === "POD" && w.controller && podOwners.has(w.controller)) return false;
    return true;
  });
}

/**
 * Stops everything that runs in the namespace, remembering each workload's state first (the
 * first record of a hold wins: a later look at a stopped workload is not its pre-hold state).
 * Safe to repeat; returns what it had to stop.
 */
export async function holdWorkloads(workspaceId: string, namespace: string): Promise<string[]> {
  const kinds = workloadKinds();
  const found = (await Promise.all(Object.values(kinds).map((kind) => kind.list(namespace)))).flat();
  const stopped: string[] = [];
  for (const workload of toStop(found)) {
    const key = { workspaceId, namespace, kind: workload.kind, name: workload.name };
    const known = await db().heldWorkload.findUnique({ where: { workspaceId_namespace_kind_name: key } });
    const remembered = known?.uid === workload.uid;
    if (!remembered) {
      const state = {
        uid: workload.uid,
        replicas: workload.replicas ?? null,
        manifest: workload.pod
          ? (JSON.parse(JSON.stringify(podToRecreate(workload.pod))) as Prisma.InputJsonValue)
          : undefined,
      };
      await db().heldWorkload.upsert({
        where: { workspaceId_namespace_kind_name: key },
        create: { ...key, ...state },
        update: { ...state, heldAt: new Date() },
      });
    }
    try {
      // Shown on the object: the replicas it will get back, not what tampering set.
      const replicas = remembered ? (known.replicas ?? undefined) : workload.replicas;
      await kinds[workload.kind].stop(namespace, { ...workload, replicas });
    } catch (error) {
      // Gone or replaced since it was listed: there is nothing of it left to stop.
      if (!hasStatus(error, 404, 409)) throw error;
    }
    stopped.push(label(workload));
  }
  return stopped;
}

/** The workloads a hold stopped in the workspace, for the audit trail. */
export async function heldWorkloadNames(workspaceId: string): Promise<string[]> {
  const records = await db().heldWorkload.findMany({
    where: { workspaceId },
    orderBy: [{ kind: "asc" }, { name: "asc" }],
  });
  return records.map(label);
}

/**
 * Restores every workload the hold stopped in the namespace, exactly as PostgreSQL remembers
 * it, and forgets each once restored. A workload deleted or replaced under the same name
 * meanwhile is left alone (uid precondition). Anything else that fails is retried on the
 * next pass, after the rest was restored. Returns what it restored.
 */
export async function releaseWorkloads(workspaceId: string, namespace: string): Promise<string[]> {
  const kinds = workloadKinds();
  const records = await db().heldWorkload.findMany({ where: { workspaceId, namespace } });
  const restored: string[] = [];
  const failures: unknown[] = [];
  for (const record of records) {
    try {
      await kinds[record.kind].restore(namespace, record);
      restored.push(label(record));
    } catch (error) {
      // 404: deleted; 409: replaced (uid) or, for a pod, its name taken again; 422: no longer valid.
      if (!hasStatus(error, 404, 409, 422)) {
        failures.push(error);
        continue;
      }
    }
    await db().heldWorkload.delete({
      where: { workspaceId_namespace_kind_name: { workspaceId, namespace, kind: record.kind, name: record.name } },
    });
  }
  if (failures.length)
    throw new AggregateError(failures, `${failures.length} workload(s) in ${namespace} not restored yet`);
  return restored;
}
