import { hostname } from "node:os";
import type * as k8s from "@kubernetes/client-node";
import { db } from "@/lib/db/client";
import { ClusterView } from "@/lib/metering/cluster-view";
import { meterMinute } from "@/lib/metering/meter-minute";
import { writeUsage } from "@/lib/metering/write-usage";
import { addMinutes, floorMinute } from "@/lib/time/utc";

// The metering loop: every few seconds it writes each minute that has ENDED since the last
// one this worker completed, from what the informers know at that moment (meterMinute). Its
// cursor, metering_progress "meter:<worker id>", is the last minute fully written; after a
// restart it catches up from there, at most `catchupMinutes` back. Rows are idempotent, so
// a minute written twice (a crash between rows and cursor, two workers) counts once.

export interface MeteringWorkerOptions {
  kubeConfig: k8s.KubeConfig;
  workerId?: string;
  catchupMinutes: number;
  extraNamespaceSelector?: string;
  watchTimeoutSeconds?: number;
  log?: (message: string) => void;
}

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
  private readonly catchupMinutes: number;
  /** The last minute this process wrote, to skip the database while nothing is due. */
  private written?: Date;

  constructor(options: MeteringWorkerOptions) {
    this.workerId = options.workerId ?? hostname();
    this.catchupMinutes = options.catchupMinutes;
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

  /** Writes every minute that ended by `now` and is not yet written (by this worker). */
  async step(now: Date = new Date()): Promise<StepResult> {
    if (!this.view.healthy()) return { minutes: 0, rows: 0, skipped: "cluster view not ready" };
    const id = meteringCursorId(this.workerId);
    const last = addMinutes(floorMinute(now), -1);
    if (this.written && last <= this.written) return { minutes: 0, rows: 0, skipped: "up to date" };
    const earliest = addMinutes(last, -(this.catchupMinutes - 1));
    const cursor = await db().meteringProgress.findUnique({ where: { id }, select: { position: true } });
    let minute = cursor ? addMinutes(cursor.position, 1) : earliest;
    if (minute < earliest) minute = earliest;
    if (minute > last) return { minutes: 0, rows: 0, skipped: "up to date" };

    // One view for the whole step. A usage sample (metrics API) describes this moment, so it
    // only raises the latest minute, never the minutes being caught up.
    const objects = this.view.snapshot(now);
    const metrics = await this.view.podMetrics(now.getTime());
    const latest = metrics ? this.view.snapshot(now, metrics) : objects;
    let minutes = 0;
    let rows = 0;
    for (; minute <= last; minute = addMinutes(minute, 1)) {
      rows += await writeUsage(meterMinute(minute, minute.getTime() === last.getTime() ? latest : objects));
      await db().meteringProgress.upsert({
        where: { id },
        create: { id, position: minute },
        update: { position: minute },
      });
      minutes++;
    }
    this.written = last;
    return { minutes, rows };
  }
}
