import { db } from "@/lib/db/client";
import type { PrismaClient } from "@/lib/db/generated/client";
import { type UsageRow } from "@/lib/metering/meter-minute";
import { MINUTE_MS } from "@/lib/time/utc";

const BATCH = 2_000;

/** The database, or a transaction of it (the meter writes each minute in one). */
export type Client = Pick<PrismaClient, "workspace" | "$executeRaw">;

/**
 * Inserts usage rows; a row whose (object, resource, minute) is already there is left as it
 * is, so retries, restarts and concurrent workers never count anything twice. Rows of unknown
 * workspaces are dropped, and so is every minute that does not end before the workspace's
 * deletion: nothing is charged after it. Returns how many rows were new.
 */
export async function writeUsage(rows: UsageRow[], client: Client = db()): Promise<number> {
  if (rows.length === 0) return 0;
  const ids = [...new Set(rows.map((r) => r.workspaceId))];
  const workspaces = await client.workspace.findMany({
    where: { id: { in: ids } },
    select: { id: true, deletedAt: true },
  });
  const deletedAt = new Map(workspaces.map((w) => [w.id, w.deletedAt] as const));
  const billable = rows.filter((row) => {
    if (!deletedAt.has(row.workspaceId)) return false;
    const deleted = deletedAt.get(row.workspaceId);
    return !deleted || row.minute.getTime() + MINUTE_MS <= deleted.getTime();
  });
  let inserted = 0;
  for (let i = 0; i < billable.length; i += BATCH) {
    const batch = billable.slice(i, i + BATCH);
    inserted += await client.$executeRaw`
      INSERT INTO usage_minutes (object_uid, resource, minute, workspace_id, object_kind, namespace, object_name,
                                 runtime_name, runtime_class, quantity)
      SELECT * FROM unnest(
        ${batch.map((r) => r.objectUid)}::text[],
        ${batch.map((r) => r.resource)}::text[]::"UsageResource"[],
        ${batch.map((r) => r.minute.toISOString())}::timestamptz[],
        ${batch.map((r) => r.workspaceId)}::text[],
        ${batch.map((r) => r.objectKind)}::text[]::"MeteredKind"[],
        ${batch.map((r) => r.namespace)}::text[],
        ${batch.map((r) => r.objectName)}::text[],
        ${batch.map((r) => r.runtimeName)}::text[],
        ${batch.map((r) => r.runtimeClass)}::text[],
        ${batch.map((r) => r.quantity.toString())}::bigint[])
      ON CONFLICT DO NOTHING`;
  }
  return inserted;
}
