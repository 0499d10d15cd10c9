import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { adminKubeConfig } from "@/lib/kube/client";
import { meterMinute } from "@/lib/metering/meter-minute";
import { MeteringWorker, meteringCursorId } from "@/lib/metering/metering-worker";
import { eventually } from "../../support/kube";
import { billedWorkspace, core, createBoundClaim, createEndpoint, createPod, spawnMeter, usageRows } from "./support";
import { addMinutes, floorMinute } from "@/lib/time/utc";
import { clearLedger } from "../../support/usage-ledger";

// The metering worker against the real API server (kwok runs the pods) and PostgreSQL. The
// processes below run on a fast clock (one simulated minute per second or two), so restarts,
// crashes and catch-up happen in seconds; the objects they meter are real.

const SPEED = 60; // one real second per simulated minute
const WINDOW_MINUTES = 12;

let ws: Awaited<ReturnType<typeof billedWorkspace>>;
/** A second workspace with one pod that ages while the other tests run, then is deleted. */
let other: Awaited<ReturnType<typeof billedWorkspace>>;
let short: Awaited<ReturnType<typeof createPod>>;
let uids: { web: string; api: string; pending: string; claim: string; endpoint: string };

beforeAll(async () => {
  ws = await billedWorkspace("meter");
  other = await billedWorkspace("meter2");
  short = await createPod(other.namespace, "short-1", { cpu: "100m", memory: "64Mi", runtime: "short" });
  const [web, api, pending, claim] = await Promise.all([
    createPod(ws.namespace, "web-1", { cpu: "250m", memory: "256Mi", runtime: "web" }),
    createPod(ws.namespace, "api-1", { cpu: "1", memory: "1Gi", runtime: "api" }),
    createPod(ws.namespace, "stuck-1", { pending: true, runtime: "stuck" }),
    createBoundClaim(ws.namespace, "data", "2Gi"),
  ]);
  const endpoint = await createEndpoint(ws.workspace.id, ws.namespace, "web-public", "web");
  uids = {
    web: web.metadata!.uid!,
    api: api.metadata!.uid!,
    pending: pending.metadata!.uid!,
    claim: claim.metadata!.uid!,
    endpoint: endpoint.metadata!.uid!,
  };
});

afterAll(async () => {
  // The simulated clocks ran ahead of real time: leave no cursor in the future behind.
  await db().meteringProgress.deleteMany({ where: { id: { startsWith: "meter:test-" } } });
  await core.deleteNamespacedPod({ name: "web-1", namespace: ws.namespace }).catch(() => undefined);
  await core.deleteNamespacedPod({ name: "api-1", namespace: ws.namespace }).catch(() => undefined);
  await core.deleteNamespacedPod({ name: "stuck-1", namespace: ws.namespace }).catch(() => undefined);
});

/** What the window must contain, computed from the objects alone. */
function expectedRows(first: Date, minutes: number): string[] {
  const rows: string[] = [];
  for (let i = 0; i < minutes; i++) {
    const m = addMinutes(first, i).toISOString();
    rows.push(
      `${uids.web} CPU ${m}=250`,
      `${uids.web} MEMORY ${m}=${256 * 2 ** 20}`,
      `${uids.api} CPU ${m}=1000`,
      `${uids.api} MEMORY ${m}=${2 ** 30}`,
      `${uids.claim} STORAGE ${m}=${2 * 2 ** 30}`,
      `${uids.endpoint} ENDPOINT ${m}=1`,
    );
  }
  return rows.sort();
}

/** A fresh window on the simulated clock: cursors seeded so that every run starts alike. */
async function window(workerIds: string[]) {
  await clearLedger(ws.workspace.id);
  const simStart = floorMinute(new Date(Date.now() + 60_000)); // after every object started
  const first = addMinutes(simStart, 1);
  const until = addMinutes(first, WINDOW_MINUTES);
  for (const id of workerIds) {
    await db().meteringProgress.upsert({
      where: { id: meteringCursorId(id) },
      create: { id: meteringCursorId(id), position: simStart },
      update: { position: simStart },
    });
  }
  return { simStart, first, until, realStart: Date.now() };
}

const workerId = (name: string) => `test-${name}-${randomBytes(3).toString("hex")}`;

describe("metering worker", () => {
  it("writes one row per object, resource and minute; nothing for a pending pod; same as an independent count", async () => {
    const id = workerId("plain");
    const w = await window([id]);
    const child = spawnMeter({ workerId: id, selector: ws.selector, speed: SPEED, ...w, simStart: w.simStart });
    expect(await child.finished, child.output()).toBe(0);
    const rows = await usageRows(ws.workspace.id);
    expect(rows).toEqual(expectedRows(w.first, WINDOW_MINUTES));
    expect(rows.some((r) => r.startsWith(uids.pending))).toBe(false);
  });

  it("gives the same rows when killed with SIGKILL mid-run and restarted (the missed minutes caught up once)", async () => {
    const id = workerId("killed");
    const w = await window([id]);
    const first = spawnMeter({ workerId: id, selector: ws.selector, speed: SPEED, ...w });
    await eventually(
      "a few minutes written before the kill",
      async () => {
        const cursor = await db().meteringProgress.findUnique({ where: { id: meteringCursorId(id) } });
        return cursor && cursor.position >= addMinutes(w.first, 3) ? true : undefined;
      },
      60_000,
    );
    await new Promise((resolve) => setTimeout(resolve, 450)); // somewhere inside a minute
    first.kill("SIGKILL");
    await first.finished;
    const afterKill = await db().meteringProgress.findUniqueOrThrow({ where: { id: meteringCursorId(id) } });
    expect(afterKill.position < addMinutes(w.until, -1)).toBe(true);

    await new Promise((resolve) => setTimeout(resolve, 3_000)); // three simulated minutes with no worker
    const second = spawnMeter({ workerId: id, selector: ws.selector, speed: SPEED, ...w });
    expect(await second.finished, second.output()).toBe(0);
    expect(second.output()).toMatch(/wrote [2-9]\d* minute\(s\)/); // the gap, caught up in one step
    expect(await usageRows(ws.workspace.id)).toEqual(expectedRows(w.first, WINDOW_MINUTES));
  }, 120_000);

  it("gives the same rows with two workers at once as with one", async () => {
    const ids = [workerId("twin-a"), workerId("twin-b")];
    const w = await window(ids);
    const children = ids.map((id) => spawnMeter({ workerId: id, selector: ws.selector, speed: SPEED, ...w }));
    for (const child of children) expect(await child.finished, child.output()).toBe(0);
    expect(await usageRows(ws.workspace.id)).toEqual(expectedRows(w.first, WINDOW_MINUTES));
  });

  it("bills a deleted pod for the minutes whose end it ran at, from the informer's tombstone", async () => {
    const started = new Date(short.status!.containerStatuses![0]!.state!.running!.startedAt!);
    const startMinute = floorMinute(started).getTime();
    // Let it run past at least one minute's end (usually it already has, during the tests above).
    await eventually(
      "a minute's end while running",
      async () => (Date.now() > startMinute + 61_000 ? true : undefined),
      130_000,
    );
    const worker = new MeteringWorker({
      kubeConfig: adminKubeConfig(),
      workerId: workerId("tombstone"),
      catchupMinutes: 60,
      extraNamespaceSelector: other.selector,
    });
    await worker.start();
    try {
      await eventually("the worker sees the pod", async () =>
        worker.view.pods.get(other.namespace, "short-1") ? true : undefined,
      );
      await core.deleteNamespacedPod({ name: "short-1", namespace: other.namespace, gracePeriodSeconds: 0 });
      await eventually("the worker sees it gone", async () =>
        worker.view.pods.get(other.namespace, "short-1") ? undefined : true,
      );
      const gone = new Date();
      // Meter the minutes around it as a worker that was behind would, after the pod is gone.
      const tombstone = worker.view.snapshot(addMinutes(gone, 30)).find((o) => o.uid === short.metadata!.uid);
      expect(tombstone, "the tombstone").toBeDefined();
      const end = tombstone!.spans[0]!.to!;
      expect(end >= started && end <= gone).toBe(true);
      let billed = 0;
      for (let m = addMinutes(floorMinute(started), -5); m < addMinutes(gone, 30); m = addMinutes(m, 1)) {
        billed += meterMinute(m, [tombstone!]).filter((r) => r.resource === "CPU").length;
      }
      const minuteEnds = Math.floor(end.getTime() / 60_000) - startMinute / 60_000;
      expect(minuteEnds).toBeGreaterThanOrEqual(1);
      expect(billed).toBe(minuteEnds);
    } finally {
      await worker.stop();
    }
  }, 180_000); // it may wait up to two real minutes for the pod to run past a minute's end

  it("meters a pod it learns of after writing the minute it started in, in its next step", async () => {
    const late = await billedWorkspace("meter3");
    const worker = new MeteringWorker({
      kubeConfig: adminKubeConfig(),
      workerId: workerId("late-news"),
      catchupMinutes: 10,
      extraNamespaceSelector: late.selector,
    });
    await worker.start();
    try {
      await eventually("watches connected", async () => (worker.view.healthy() ? true : undefined));
      const f = floorMinute(new Date());
      // On a clock two minutes ahead, every minute up to f+1 is written while no pod exists.
      expect((await worker.step(new Date(addMinutes(f, 2).getTime() + 1_000))).minutes).toBeGreaterThan(0);
      const pod = await createPod(late.namespace, "tardy-1", { cpu: "100m", memory: "64Mi", runtime: "tardy" });
      const started = new Date(pod.status!.containerStatuses![0]!.state!.running!.startedAt!);
      expect(started < addMinutes(f, 2)).toBe(true); // it ran at the end of minute f+1, already written
      await eventually("the worker sees it running", async () =>
        worker.view.pods.get(late.namespace, "tardy-1")?.status?.containerStatuses?.[0]?.state?.running
          ? true
          : undefined,
      );
      await worker.step(new Date(addMinutes(f, 3).getTime() + 1_000));
      const minutes = (await usageRows(late.workspace.id))
        .filter((row) => row.startsWith(`${pod.metadata!.uid} CPU `))
        .map((row) => row.split(" ")[2]!.split("=")[0]);
      // From the minute it started in (billed at its end) to f+2, the one this step wrote.
      const expected: string[] = [];
      for (let m = floorMinute(started); m <= addMinutes(f, 2); m = addMinutes(m, 1)) expected.push(m.toISOString());
      expect(minutes).toEqual(expected);
    } finally {
      await worker.stop();
      await core.deleteNamespacedPod({ name: "tardy-1", namespace: late.namespace }).catch(() => undefined);
    }
  }, 120_000);

  it("restarts a silent watch and keeps following changes", async () => {
    const worker = new MeteringWorker({
      kubeConfig: adminKubeConfig(),
      workerId: workerId("watchdog"),
      catchupMinutes: 5,
      extraNamespaceSelector: ws.selector,
    });
    await worker.start();
    try {
      await eventually("watches connected", async () => (worker.view.healthy() ? true : undefined));
      expect(worker.view.checkWatches(Date.now())).toBe(0);
      expect(worker.view.checkWatches(Date.now() + 60 * 60_000)).toBe(4); // all four informers
      await createPod(ws.namespace, "late-1", { runtime: "late" });
      await eventually("the restarted pod watch sees a new pod", async () =>
        worker.view.pods.get(ws.namespace, "late-1") ? true : undefined,
      );
      await eventually("healthy again", async () => (worker.view.healthy() ? true : undefined));
      expect(worker.view.pods.restarts).toBe(1);
      // The restarted watch resumes from its resourceVersion: no second full list.
      expect(worker.view.pods.lists).toBe(1);
    } finally {
      await worker.stop();
      await core.deleteNamespacedPod({ name: "late-1", namespace: ws.namespace }).catch(() => undefined);
    }
  });
});
