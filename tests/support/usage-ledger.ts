import { db } from "@/lib/db/client";
import type { UsageRow } from "@/lib/metering/meter-minute";
import { MINUTE_MS } from "@/lib/time/utc";

// The ledger as tests read it: the view usage_minutes, one row per object, resource and
// minute (the storage, usage_ledger, has one row per object and minute with every resource).

export interface LedgerEntry {
  objectUid: string;
  resource: string;
  minute: Date;
  quantity: bigint;
  recordedAt: Date;
}

/** The entries of an object or a workspace, by minute and resource. */
export async function ledgerEntries(where: { objectUid?: string; workspaceId?: string }): Promise<LedgerEntry[]> {
  const rows = await db().$queryRaw<
    { object_uid: string; resource: string; minute: Date; quantity: bigint; recorded_at: Date }[]
  >`
    SELECT object_uid, resource::text AS resource, minute, quantity, recorded_at FROM usage_minutes
     WHERE (${where.objectUid ?? null}::text IS NULL OR object_uid = ${where.objectUid ?? null})
       AND (${where.workspaceId ?? null}::text IS NULL OR workspace_id = ${where.workspaceId ?? null})
     ORDER BY minute, resource`;
  return rows.map((r) => ({
    objectUid: r.object_uid,
    resource: r.resource,
    minute: r.minute,
    quantity: BigInt(r.quantity),
    recordedAt: r.recorded_at,
  }));
}

/** One object's entry of a resource and minute, if written. */
export async function ledgerEntry(objectUid: string, resource: string, minute: Date): Promise<LedgerEntry | undefined> {
  const rows = await ledgerEntries({ objectUid });
  return rows.find((r) => r.resource === resource && r.minute.getTime() === minute.getTime());
}

/** Deletes a workspace's ledger rows (its objects' identities stay, as the writer remembers them). */
export async function clearLedger(workspaceId: string): Promise<void> {
  await db().$executeRaw`
    DELETE FROM usage_ledger WHERE object_id IN (SELECT id FROM usage_objects WHERE workspace_id = ${workspaceId})`;
}

/**
 * An hour of CPU (from `start`, minute by minute) for one pod of runtime `web` (gVisor) per
 * entry, each in its namespace: rows for writeUsage.
 */
export function cpuHour(
  workspaceId: string,
  start: Date,
  pods: { namespace: string; objectUid: string; millicores: bigint }[],
): UsageRow[] {
  return pods.flatMap((pod) =>
    Array.from({ length: 60 }, (_, m) => ({
      objectUid: pod.objectUid,
      resource: "CPU" as const,
      minute: new Date(start.getTime() + m * MINUTE_MS),
      workspaceId,
      objectKind: "POD" as const,
      namespace: pod.namespace,
      objectName: "web-0",
      runtimeName: "web",
      runtimeClass: "gvisor",
      quantity: pod.millicores,
    })),
  );
}
