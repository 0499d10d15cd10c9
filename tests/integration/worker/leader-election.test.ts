import { randomBytes } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { adminKubeConfig } from "@/lib/kube/client";
import { LeaderElector, type Lock } from "@/lib/worker/leader-election/leader-elector";
import { LeaseLock } from "@/lib/worker/leader-election/lease-lock";
import * as k8s from "@kubernetes/client-node";
import { adminApi } from "@/lib/kube/client";
import { createTestNamespace, eventually, kubeConfigWithToken } from "../../support/kube";

// Leader election against the real API server: Leases in a namespace of this file's own, so
// that parallel runs never compete for the same Lease.

let namespace: Awaited<ReturnType<typeof createTestNamespace>>;
const electors: LeaderElector[] = [];

beforeAll(async () => {
  namespace = await createTestNamespace("lease");
});

afterEach(async () => {
  await Promise.all(electors.splice(0).map((e) => e.stop()));
});

afterAll(async () => {
  await namespace.cleanup();
});

const leaseName = () => `worker-${randomBytes(3).toString("hex")}`;

function lockOf(name: string): LeaseLock {
  return new LeaseLock({ kubeConfig: adminKubeConfig(), namespace: namespace.name, name, requestTimeoutMs: 5_000 });
}

/** A lock that can be cut off, as a leader that died (or lost the network) stops writing. */
function severable(lock: LeaseLock) {
  let cut = false;
  const guard = <T>(call: () => Promise<T>) => (cut ? Promise.reject(new Error("cut off")) : call());
  const wrapped: Lock = {
    describe: () => lock.describe(),
    get: () => guard(() => lock.get()),
    create: (record) => guard(() => lock.create(record)),
    update: (record, version) => guard(() => lock.update(record, version)),
  };
  return { lock: wrapped, cut: () => void (cut = true) };
}

interface Candidate {
  elector: LeaderElector;
  events: string[];
}

function candidate(
  name: string,
  lock: Lock,
  durations = { lease: 3_000, deadline: 2_000, retry: 400 },
  log: string[] = [],
): Candidate {
  const identity = `${name}_${randomBytes(2).toString("hex")}`;
  const events: string[] = [];
  const elector = new LeaderElector({
    lock,
    identity,
    leaseDurationMs: durations.lease,
    renewDeadlineMs: durations.deadline,
    retryPeriodMs: durations.retry,
    onStartedLeading: () => {
      log.push(`${name} started`);
      events.push("started");
    },
    onStoppedLeading: () => {
      log.push(`${name} stopped`);
      events.push("stopped");
    },
  });
  electors.push(elector);
  return { elector, events };
}

/** Watches the candidates for `ms`: how many led at once, at most, and who led at the end. */
async function observe(candidates: Candidate[], ms: number): Promise<number> {
  let most = 0;
  const until = Date.now() + ms;
  while (Date.now() < until) {
    most = Math.max(most, candidates.filter((c) => c.elector.isLeader()).length);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return most;
}

const leaderOf = (candidates: Candidate[]) =>
  eventually("a leader", async () => candidates.find((c) => c.elector.isLeader()));

describe("leader election on a Lease", () => {
  it("lets exactly one of two candidates lead, and the Lease names it", async () => {
    const name = leaseName();
    const a = candidate("a", lockOf(name));
    const b = candidate("b", lockOf(name));
    a.elector.start();
    b.elector.start();
    const leader = await leaderOf([a, b]);
    // Several lease durations: the leader keeps renewing, the other never leads.
    expect(await observe([a, b], 8_000)).toBe(1);
    expect(leader.elector.isLeader()).toBe(true);
    const lease = await lockOf(name).get();
    expect(lease?.record.holderIdentity).toBe(leader.elector.identity);
    expect(lease!.record.renewTime.getTime()).toBeGreaterThan(lease!.record.acquireTime.getTime());
    expect(leader.events).toEqual(["started"]);
  });

  it("hands over when the leader stops renewing: the old one steps down before the new one starts", async () => {
    const name = leaseName();
    const log: string[] = [];
    const dying = severable(lockOf(name));
    const a = candidate("a", dying.lock, undefined, log);
    a.elector.start();
    await leaderOf([a]);
    const b = candidate("b", lockOf(name), undefined, log);
    b.elector.start();
    // Positive control: while the leader renews, the standby waits.
    expect(await observe([a, b], 4_000)).toBe(1);
    expect(a.elector.isLeader()).toBe(true);

    dying.cut();
    await eventually("b leads", async () => (b.elector.isLeader() ? true : undefined), 15_000);
    expect(a.elector.isLeader()).toBe(false);
    // The renew deadline is shorter than the lease: a stopped before b started.
    expect(log).toEqual(["a started", "a stopped", "b started"]);
    const lease = await lockOf(name).get();
    expect(lease?.record.holderIdentity).toBe(b.elector.identity);
    expect(lease?.record.leaseTransitions).toBe(1);
  });

  it("lets a standby take a released Lease at once, long before it would expire", async () => {
    // A minute-long lease: only a release lets the standby in within the wait below.
    const slow = { lease: 60_000, deadline: 40_000, retry: 400 };
    const name = leaseName();
    const a = candidate("a", lockOf(name), slow);
    a.elector.start();
    await leaderOf([a]);
    const b = candidate("b", lockOf(name), slow);
    b.elector.start();

    await a.elector.stop();
    expect(a.events).toEqual(["started", "stopped"]);
    const released = await lockOf(name).get();
    expect(released?.record.holderIdentity).toBe("");
    await eventually("b leads", async () => (b.elector.isLeader() ? true : undefined), 15_000);
  });

  it("does not let a standby take a Lease whose holder died without releasing it before it expires", async () => {
    // The control of the test above: same durations, the leader cut off instead of stopped.
    const slow = { lease: 60_000, deadline: 40_000, retry: 400 };
    const name = leaseName();
    const dying = severable(lockOf(name));
    const a = candidate("a", dying.lock, slow);
    a.elector.start();
    await leaderOf([a]);
    const b = candidate("b", lockOf(name), slow);
    b.elector.start();
    dying.cut();
    expect(await observe([b], 15_000)).toBe(0);
    expect((await lockOf(name).get())?.record.holderIdentity).toBe(a.elector.identity);
  });

  it("never makes two leaders from one read: the write with a stale resourceVersion is refused", async () => {
    const name = leaseName();
    const lock = lockOf(name);
    const first = await lock.create({
      holderIdentity: "",
      leaseDurationSeconds: 1,
      acquireTime: new Date(),
      renewTime: new Date(),
      leaseTransitions: 0,
    });
    // Both read the same free Lease; both write with that resourceVersion.
    const take = (holder: string) =>
      lock.update({ ...first.record, holderIdentity: holder, renewTime: new Date() }, first.resourceVersion);
    const results = await Promise.allSettled([take("x"), take("y")]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect((refused.reason as { code?: number }).code).toBe(409);

    // Racing candidates: in each round exactly one acquires the released Lease.
    for (let round = 0; round < 5; round++) {
      const now = await lock.get();
      await lock.update({ ...now!.record, holderIdentity: "" }, now!.resourceVersion);
      const c = [candidate("c", lockOf(name)), candidate("d", lockOf(name))];
      const won = await Promise.all(c.map((x) => x.elector.tryAcquireOrRenew()));
      expect(won.filter(Boolean)).toHaveLength(1);
      const holder = (await lock.get())?.record.holderIdentity;
      expect(holder).toBe(c[won.indexOf(true)]!.elector.identity);
    }
  });

  it("names what to fix when the Lease cannot be used: a missing permission, a missing namespace", async () => {
    const record = {
      holderIdentity: "x",
      leaseDurationSeconds: 10,
      acquireTime: new Date(),
      renewTime: new Date(),
      leaseTransitions: 0,
    };
    const core = adminApi(k8s.CoreV1Api);
    await core.createNamespacedServiceAccount({ namespace: namespace.name, body: { metadata: { name: "nobody" } } });
    const { status } = await core.createNamespacedServiceAccountToken({
      name: "nobody",
      namespace: namespace.name,
      body: { spec: { audiences: [], expirationSeconds: 600 } },
    });
    const name = leaseName();
    const unprivileged = new LeaseLock({
      kubeConfig: kubeConfigWithToken(status!.token),
      namespace: namespace.name,
      name,
      requestTimeoutMs: 5_000,
    });
    const refusal = `the worker may not get leases.coordination.k8s.io in namespace ${namespace.name} (it needs get, create and update)`;
    await expect(unprivileged.get()).rejects.toThrow(refusal);
    await expect(unprivileged.create(record)).rejects.toThrow(/may not create leases.coordination.k8s.io/);
    const missing = new LeaseLock({
      kubeConfig: adminKubeConfig(),
      namespace: `${namespace.name}-missing`,
      name,
      requestTimeoutMs: 5_000,
    });
    await expect(missing.create(record)).rejects.toThrow(
      `namespace ${namespace.name}-missing does not exist: create it or set CANOPY_SYSTEM_NAMESPACE`,
    );
    // The positive control: the same Lease, with the admin's rights in an existing namespace.
    expect((await lockOf(name).create(record)).record.holderIdentity).toBe("x");
  });
});
