import { hostname } from "node:os";
import type * as k8s from "@kubernetes/client-node";
import { db } from "@/lib/db/client";
import { ClusterView } from "@/lib/metering/cluster-view";
import { KubeletStats } from "@/lib/metering/kubelet-stats";
import { meterMinute, type UsageRow } from "@/lib/metering/meter-minute";
import type { MeteredObject } from "@/lib/metering/metered-object";
import { UsageSampler, type Sample } from "@/lib/metering/usage-sampler";
import { egressRows, sampleRows, writeSamples, type SampledPod } from "@/lib/metering/usage-samples";
import { writeUsage } from "@/lib/metering/write-usage";
import { dayOf, daysAhead, ensureLedgerPartitions } from "@/lib/metering/ledger-partitions";
import { addMinutes, floorMinute } from "@/lib/time/utc";
import { meteringLag, meteringRowsWritten } from "@/lib/metering/metering-metrics";
import { componentLogger } from "@/lib/observability/logger";
import type { Prisma } from "@/lib/db/generated/client";

const log = componentLogger("metering");

// The metering loop: every few seconds it writes each minute that has ENDED since the last
// one written, from what the informers know at that moment (meterMinute). Its cursor,
// metering_progress "meter:<worker id>", is the last minute fully written; the worker's
// replicas share one (the id names the installation's meter, not a pod), so a new leader
// goes on where the last one stopped, and after a restart it catches up from there, at most
// `catchupMinutes` back. Each minute's rows and the cursor are written in one transaction,
// which first runs `guard` (the leader's fencing check: a deposed leader writes nothing).
// Rows are idempotent, so a minute written twice (two workers, a retry) counts once.
//
// A minute is written right after it ends (the rule bills the object in use at its end), so
// news of it can come late: a pod's running status posted by its kubelet a few seconds after
// the container started. Each step therefore also meters the last few minutes already written
// again, but only for the objects that are new or changed since the previous step: a late pod
// gets its minute, everything else is left alone (and rows already there stay as they are).

export interface MeteringWorkerOptions {
  kubeConfig: k8s.KubeConfig;
  workerId?: string;
  catchupMinutes: number;
  extraNamespaceSelector?: string;
  watchTimeoutSeconds?: number;
  log?: (message: string) => void;
  /** Runs inside each minute's transaction before anything is written; throws to write nothing. */
  guard?: (tx: Prisma.TransactionClient) => Promise<void>;
}

/** The metering loop's schedule: every 5 s, and 0.25 s after each minute ends (lib/worker/loop.ts). */
export const METERING_SCHEDULE = { intervalMs: 5_000, aligned: { everyMs: 60_000, afterMs: 250 } } as const;

/** How many minutes already written a late-seen object is metered for again. */
const LATE_MINUTES = 3;

export interface StepResult {
  minutes: number;
  rows: number;
  /** Why nothing was written, if so. */
  skipped?: "cluster view not ready" | "up to date";
}

export function meteringCursorId(workerId: string): string {
  return `meter:${workerId}`;
}

export class MeteringWorker {
  readonly view: ClusterView;
  readonly workerId: string;
  readonly sampler: UsageSampler;
  private readonly catchupMinutes: number;
  private readonly log: (message: string) => void;
  private readonly guard: (tx: Prisma.TransactionClient) => Promise<void>;
  /** The last minute this process wrote, to skip the database while nothing is due. */
  private written?: Date;
  /** Each object's spans as of this process's last writing step, to find late news. */
  private seen?: Map<string, string>;

  constructor(options: MeteringWorkerOptions) {
    this.workerId = options.workerId ?? hostname();
    this.catchupMinutes = options.catchupMinutes;
    this.log = options.log ?? ((message) => log.info(message));
    this.guard = options.guard ?? (async () => undefined);
    this.sampler = new UsageSampler(new KubeletStats(options.kubeConfig, this.log));
    this.view = new ClusterView({
      kubeConfig: options.kubeConfig,
      extraNamespaceSelector: options.extraNamespaceSelector,
      tombstoneMinutes: options.catchupMinutes + 15,
      watchTimeoutSeconds: options.watchTimeoutSeconds,
      log: options.log,
    });
  }

  /** Starts the informers and waits for their first lists. */
  start(): Promise<void> {
    return this.view.start();
  }

  stop(): Promise<void> {
    return this.view.stop();
  }

  /**
   * Forgets the kubelets' previous readings: the next minute's egress counts from the next
   * reading. Call when this replica (re)starts metering after another one metered, whose
   * readings it does not know: bytes are then never counted twice (those sent during the
   * takeover are not counted at all).
   */
  resetUsageBaseline(): void {
    this.sampler.reset();
    this.written = undefined;
    this.seen = undefined;
  }

  /** Writes every minute that ended by `now` and is not yet written. */
  async step(now: Date = new Date()): Promise<StepResult> {
    const result = await this.writeDue(now);
    if (this.written) meteringLag.set((now.getTime() - addMinutes(this.written, 1).getTime()) / 1000);
    meteringRowsWritten.inc(result.rows);
    return result;
  }

  private async writeDue(now: Date): Promise<StepResult> {
    if (!this.view.healthy()) return { minutes: 0, rows: 0, skipped: "cluster view not ready" };
    const id = meteringCursorId(this.workerId);
    const last = addMinutes(floorMinute(now), -1);
    if (this.written && last <= this.written) return { minutes: 0, rows: 0, skipped: "up to date" };
    const earliest = addMinutes(last, -(this.catchupMinutes - 1));
    const cursor = await db().meteringProgress.findUnique({ where: { id }, select: { position: true } });
    let minute = cursor ? addMinutes(cursor.position, 1) : earliest;
    if (minute < earliest) minute = earliest;
    if (minute > last) {
      this.written = cursor?.position;
      return { minutes: 0, rows: 0, skipped: "up to date" };
    }

    // The ledger's partitions of these minutes and of tomorrow, before any transaction needs them.
    await ensureLedgerPartitions([dayOf(minute), ...daysAhead(last, 1)]);

    // One view for the whole step. The kubelets' measurements describe the interval since the
    // previous reading, so they raise only the latest minute, never the minutes being caught up.
    const objects = this.view.snapshot(now);
    const { late, seen } = this.lateRows(objects, minute);
    const sample = await this.readUsage(now);
    const sampled = sample ? this.sampledPods(sample) : [];
    const latest = sample ? this.view.snapshot(now, sample.pods) : objects;
    let minutes = 0;
    let rows = 0;
    for (; minute <= last; minute = addMinutes(minute, 1)) {
      const isLatest = minute.getTime() === last.getTime();
      const usage = meterMinute(minute, isLatest ? latest : objects);
      // Late rows apart: most are there already, which would turn the minute's COPY into the slow path.
      const lateNow = minutes === 0 ? late : [];
      const at = minute;
      rows += await db().$transaction(async (tx) => {
        await this.guard(tx);
        const written =
          (await writeUsage(isLatest ? [...usage, ...egressRows(at, sampled)] : usage, tx)) +
          (await writeUsage(lateNow, tx));
        if (isLatest && sampled.length > 0) await writeSamples(sampleRows(at, sampled), tx);
        // Only forward: a cursor never goes back, whoever wrote it last.
        await tx.$executeRaw`
          INSERT INTO metering_progress (id, position, updated_at) VALUES (${id}, ${at}, now())
          ON CONFLICT (id) DO UPDATE SET position = GREATEST(metering_progress.position, EXCLUDED.position),
                                         updated_at = now()`;
        return written;
      });
      this.written = minute;
      minutes++;
    }
    // The bytes up to this reading are written: the next minute counts from here.
    sample?.commit();
    this.written = last;
    this.seen = seen;
    return { minutes, rows };
  }

  /**
   * The rows of the minutes before `next` (already written) for the objects whose spans are new
   * or changed since this process's previous writing step; none on its first step, when every
   * object would look new (the cursor's catch-up covers a restart). `seen` is remembered once
   * the step has written its minutes.
   */
  private lateRows(objects: MeteredObject[], next: Date): { late: UsageRow[]; seen: Map<string, string> } {
    const previous = this.seen;
    const seen = new Map<string, string>();
    const changed: MeteredObject[] = [];
    for (const object of objects) {
      const spans = object.spans.map((s) => `${s.resource}:${s.quantity}:${+s.from}:${s.to ? +s.to : ""}`).join(",");
      seen.set(object.uid, spans);
      if (previous && previous.get(object.uid) !== spans) changed.push(object);
    }
    const late: UsageRow[] = [];
    for (let back = 1; back <= LATE_MINUTES && changed.length > 0; back++) {
      late.push(...meterMinute(addMinutes(next, -back), changed));
    }
    return { late, seen };
  }

  /** The kubelets' reading, or none (requests are billed) when it cannot be had. */
  private async readUsage(now: Date): Promise<Sample | undefined> {
    try {
      return await this.sampler.sample(now.getTime());
    } catch (error) {
      log.warn({ err: error }, "no usage from the kubelets this minute");
      return undefined;
    }
  }

  /** The workspaces' pods the kubelets reported, with their usage. */
  private sampledPods(sample: Sample): SampledPod[] {
    const pods: SampledPod[] = [];
    for (const pod of this.view.pods.list()) {
      const usage = sample.pods.get(pod.metadata?.uid ?? "");
      const workspaceId = usage && this.view.workspaceOf(pod.metadata?.namespace);
      if (usage && workspaceId) pods.push({ pod, workspaceId, usage });
    }
    return pods;
  }
}
