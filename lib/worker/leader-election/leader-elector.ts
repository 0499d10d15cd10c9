import { componentLogger } from "@/lib/observability/logger";
import { leaderGauge, leadershipTransitions } from "@/lib/worker/leader-election/metrics";
import {
  statusOf,
  type LeaseLock,
  type LeaseRecord,
  type ObservedLease,
} from "@/lib/worker/leader-election/lease-lock";

// Leader election on a Lease, the algorithm of client-go's leaderelection package:
// - a candidate reads the Lease every `retryPeriod`; it may take it when nobody holds it
//   (holderIdentity empty, a released Lease) or when the record has not changed for a whole
//   `leaseDuration` by the candidate's OWN clock (so clocks need not agree, only tick alike);
// - writes carry the resourceVersion that was read: of two candidates exactly one wins;
// - the leader renews every `retryPeriod`; if no renewal succeeded for `renewDeadline`
//   (< leaseDuration) it steps down before anyone else can have taken the Lease;
// - stopping releases the Lease (holder cleared) so that a standby takes it at once.
// Unlike client-go's Run, a replica that stepped down goes back to being a candidate.

/** What the elector needs of a Lease (LeaseLock; tests wrap one to cut a replica off). */
export type Lock = Pick<LeaseLock, "describe" | "get" | "create" | "update">;

export interface LeaderElectorOptions {
  lock: Lock;
  identity: string;
  leaseDurationMs: number;
  renewDeadlineMs: number;
  retryPeriodMs: number;
  /** Called on becoming leader; its promise is awaited before renewing starts. */
  onStartedLeading: () => Promise<void> | void;
  /** Called on stepping down or releasing; resolves once the leader's work has stopped. */
  onStoppedLeading: () => Promise<void> | void;
  /** A clock for the tests; defaults to Date.now. */
  now?: () => number;
}

const JITTER = 0.1;

export class LeaderElector {
  private leading = false;
  private stopped = true;
  /** The record last seen, and when (by this replica's clock) it last changed. */
  private observed?: ObservedLease;
  private observedAt = 0;
  private timer?: NodeJS.Timeout;
  private deadline?: NodeJS.Timeout;
  private attempt?: Promise<void>;
  private transition: Promise<void> = Promise.resolve();
  private readonly log;
  private readonly now: () => number;

  constructor(private readonly options: LeaderElectorOptions) {
    if (options.renewDeadlineMs >= options.leaseDurationMs) {
      throw new RangeError("renewDeadline must be shorter than leaseDuration");
    }
    if (options.retryPeriodMs * (1 + JITTER) >= options.renewDeadlineMs) {
      throw new RangeError("retryPeriod (with jitter) must be shorter than renewDeadline");
    }
    this.now = options.now ?? Date.now;
    this.log = componentLogger("leader-election", { lease: options.lock.describe(), identity: options.identity });
  }

  get identity(): string {
    return this.options.identity;
  }

  isLeader(): boolean {
    return this.leading;
  }

  /** Starts competing for the Lease; returns at once. */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule(0);
  }

  /** One acquire-or-renew attempt, then the next one after the retry period. */
  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      const started = this.now();
      this.attempt = this.tryAcquireOrRenew()
        .then((held) => this.afterAttempt(held, started))
        .catch((error: unknown) => this.log.warn({ err: error }, "leader election attempt failed"))
        .finally(() => {
          this.attempt = undefined;
          this.schedule(this.options.retryPeriodMs * (1 + Math.random() * JITTER));
        });
    }, delayMs);
  }

  /** `started`: when the attempt began, which is no later than the renewTime others observe. */
  private afterAttempt(held: boolean, started: number): void {
    if (this.stopped) return;
    if (held) {
      this.armDeadline(started);
      if (!this.leading) this.becomeLeader();
    } else if (this.leading && this.observed?.record.holderIdentity !== this.identity) {
      this.log.error(
        { holder: this.observed?.record.holderIdentity },
        "another replica holds the Lease; stepping down",
      );
      leadershipTransitions.inc({ event: "lost" });
      void this.stepDown();
    }
  }

  /** A leader that has not renewed for renewDeadline steps down, whatever its calls are doing. */
  private armDeadline(renewedAt: number): void {
    clearTimeout(this.deadline);
    const left = renewedAt + this.options.renewDeadlineMs - this.now();
    this.deadline = setTimeout(
      () => {
        if (!this.leading) return;
        this.log.error(
          { renewDeadlineMs: this.options.renewDeadlineMs },
          "could not renew the Lease in time; stepping down",
        );
        leadershipTransitions.inc({ event: "lost" });
        void this.stepDown();
      },
      Math.max(0, left),
    );
  }

  private becomeLeader(): void {
    this.leading = true;
    leaderGauge.set(1);
    leadershipTransitions.inc({ event: "acquired" });
    this.log.info("became leader");
    this.transition = this.transition
      .then(() => this.options.onStartedLeading())
      .catch((error: unknown) => {
        // Lead with all the work or not at all: the next attempt starts it again.
        this.log.error({ err: error }, "could not start leading; stepping down");
        void this.stepDown();
      });
  }

  private stepDown(): Promise<void> {
    if (!this.leading) return this.transition;
    this.leading = false;
    leaderGauge.set(0);
    clearTimeout(this.deadline);
    this.transition = this.transition
      .then(() => this.options.onStoppedLeading())
      .catch((error: unknown) => this.log.error({ err: error }, "stopping the leader's work failed"));
    return this.transition;
  }

  /** Takes the Lease if it is free or expired, renews it if it is ours; true if held now. */
  async tryAcquireOrRenew(): Promise<boolean> {
    const now = this.now();
    const desired = (current?: LeaseRecord): LeaseRecord => {
      const ours = current?.holderIdentity === this.identity;
      return {
        holderIdentity: this.identity,
        leaseDurationSeconds: Math.ceil(this.options.leaseDurationMs / 1000),
        acquireTime: ours && current ? current.acquireTime : new Date(now),
        renewTime: new Date(now),
        leaseTransitions: current ? (ours ? current.leaseTransitions : current.leaseTransitions + 1) : 0,
      };
    };

    const current = await this.options.lock.get();
    if (!current) {
      try {
        this.remember(await this.options.lock.create(desired()), now);
        return true;
      } catch (error) {
        if (statusOf(error) === 409) return false; // another candidate created it first
        throw error;
      }
    }
    if (!this.observed || !sameRecord(this.observed.record, current.record)) this.remember(current, now);

    const holder = current.record.holderIdentity;
    const valid = now < this.observedAt + current.record.leaseDurationSeconds * 1000;
    if (holder !== "" && holder !== this.identity && valid) return false;

    try {
      this.remember(await this.options.lock.update(desired(current.record), current.resourceVersion), now);
      return true;
    } catch (error) {
      if (statusOf(error) === 409) return false; // someone wrote it since we read it
      throw error;
    }
  }

  private remember(observed: ObservedLease, at: number): void {
    this.observed = observed;
    this.observedAt = at;
  }

  /**
   * Stops competing. A leader lets its work stop (onStoppedLeading), then releases the Lease
   * (holder cleared) so that a standby takes over without waiting for it to expire.
   */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    clearTimeout(this.timer);
    await this.attempt;
    await this.stepDown();
    // Also when an attempt in flight just took it: the Lease may name us without our leading.
    await this.release();
  }

  private async release(): Promise<void> {
    try {
      const current = await this.options.lock.get();
      if (!current || current.record.holderIdentity !== this.identity) return;
      const now = new Date(this.now());
      await this.options.lock.update(
        { ...current.record, holderIdentity: "", leaseDurationSeconds: 1, acquireTime: now, renewTime: now },
        current.resourceVersion,
      );
      leadershipTransitions.inc({ event: "released" });
      this.log.info("released the Lease");
    } catch (error) {
      // It expires by itself after leaseDuration.
      this.log.warn({ err: error }, "could not release the Lease");
    }
  }
}

function sameRecord(a: LeaseRecord, b: LeaseRecord): boolean {
  return (
    a.holderIdentity === b.holderIdentity &&
    a.leaseDurationSeconds === b.leaseDurationSeconds &&
    a.acquireTime.getTime() === b.acquireTime.getTime() &&
    a.renewTime.getTime() === b.renewTime.getTime() &&
    a.leaseTransitions === b.leaseTransitions
  );
}
