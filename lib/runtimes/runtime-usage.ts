import { z } from "zod";
import type { WorkspaceContext } from "@/lib/authz/context";
import { db } from "@/lib/db/client";
import { runtimeName } from "@/lib/runtimes/runtime-input";
import { floorMinute } from "@/lib/time/utc";

// A runtime's measured usage over the last hour or day, for the runtime page's charts: its
// pods' samples (usage_samples, written by the meter from the kubelets' measurements) added
// up per minute, then averaged per bucket (1 minute for the hour, 10 minutes for the day).

export const runtimeUsageInput = z.object({
  name: runtimeName,
  range: z.enum(["hour", "day"], { error: "range must be hour or day" }).default("hour"),
});
export type UsageRange = z.output<typeof runtimeUsageInput>["range"];

export interface UsagePoint {
  /** The start of the bucket, ISO 8601. */
  at: string;
  /** Millicores, averaged over the bucket's minutes. */
  cpu: number;
  cpuRequest: number;
  cpuLimit: number;
  /** Bytes. */
  memory: number;
  memoryRequest: number;
  memoryLimit: number;
  /** Bytes per minute received and sent, averaged over the bucket. */
  rx: number;
  tx: number;
}

export interface RuntimeUsage {
  range: UsageRange;
  bucketMinutes: number;
  from: string;
  to: string;
  points: UsagePoint[];
  /** Bytes received and sent over the whole range. */
  rxBytes: number;
  txBytes: number;
}

const RANGES: Record<UsageRange, { minutes: number; bucket: number }> = {
  hour: { minutes: 60, bucket: 1 },
  day: { minutes: 24 * 60, bucket: 10 },
};

interface Row {
  bucket: Date;
  cpu: number;
  cpu_request: number;
  cpu_limit: number;
  memory: number;
  memory_request: number;
  memory_limit: number;
  rx: number;
  tx: number;
  rx_total: number;
  tx_total: number;
}

export async function getRuntimeUsage(
  context: WorkspaceContext,
  input: z.output<typeof runtimeUsageInput>,
  now: Date = new Date(),
): Promise<RuntimeUsage> {
  const { minutes, bucket } = RANGES[input.range];
  const to = floorMinute(now);
  const from = new Date(to.getTime() - minutes * 60_000);
  const seconds = bucket * 60;
  const rows = await db().$queryRaw<Row[]>`
    WITH per_minute AS (
      SELECT minute, SUM(cpu_millicores) AS cpu, SUM(cpu_request_millicores) AS cpu_request,
             SUM(cpu_limit_millicores) AS cpu_limit, SUM(memory_bytes) AS memory,
             SUM(memory_request_bytes) AS memory_request, SUM(memory_limit_bytes) AS memory_limit,
             SUM(rx_bytes) AS rx, SUM(tx_bytes) AS tx
        FROM usage_samples
       WHERE workspace_id = ${context.workspace.id} AND runtime_name = ${input.name}
         AND minute >= ${from} AND minute < ${to}
       GROUP BY minute)
    SELECT to_timestamp(floor(extract(epoch FROM minute) / ${seconds}) * ${seconds}) AS bucket,
           AVG(cpu)::float8 AS cpu, AVG(cpu_request)::float8 AS cpu_request, AVG(cpu_limit)::float8 AS cpu_limit,
           AVG(memory)::float8 AS memory, AVG(memory_request)::float8 AS memory_request,
           AVG(memory_limit)::float8 AS memory_limit, AVG(rx)::float8 AS rx, AVG(tx)::float8 AS tx,
           SUM(rx)::float8 AS rx_total, SUM(tx)::float8 AS tx_total
      FROM per_minute
     GROUP BY 1
     ORDER BY 1`;
  return {
    range: input.range,
    bucketMinutes: bucket,
    from: from.toISOString(),
    to: to.toISOString(),
    points: rows.map((r) => ({
      at: r.bucket.toISOString(),
      cpu: r.cpu,
      cpuRequest: r.cpu_request,
      cpuLimit: r.cpu_limit,
      memory: r.memory,
      memoryRequest: r.memory_request,
      memoryLimit: r.memory_limit,
      rx: r.rx,
      tx: r.tx,
    })),
    rxBytes: rows.reduce((sum, r) => sum + r.rx_total, 0),
    txBytes: rows.reduce((sum, r) => sum + r.tx_total, 0),
  };
}
