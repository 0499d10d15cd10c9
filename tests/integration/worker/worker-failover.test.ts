import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createServer, type AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import * as k8s from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { adminApi, adminKubeConfig } from "@/lib/kube/client";
import { meteringCursorId } from "@/lib/metering/metering-worker";
import { LeaseLock } from "@/lib/worker/leader-election/lease-lock";
import { addMinutes, floorMinute } from "@/lib/time/utc";
import { teamWorkspace } from "../../support/factories";
import { createTestNamespace, eventually } from "../../support/kube";
import { createPod } from "../metering/support";
import { ledgerEntries } from "../../support/usage-ledger";

// Two real worker processes (lib/worker/main.ts, as `npm run worker` runs it) on the real
// API server and PostgreSQL, metering a workspace's runtime on the real node: exactly one
// leads; after the leader is killed with SIGKILL the other takes over,
// and the usage ledger holds every minute of the span exactly once; a SIGTERM releases
// the Lease. Real minutes pass, so this test takes a few minutes.

const MAIN = fileURLToPath(new URL("../../../lib/worker/main.ts", import.meta.url));
const core = adminApi(k8s.CoreV1Api);
const LEASE = "canopy-worker";

let leaseNamespace: Awaited<ReturnType<typeof createTestNamespace>>;
let ws: Awaited<ReturnType<typeof teamWorkspace>>;
let podUid = "";
let firstBilledMinute: Date;
const cursorName = `test-failover-${randomBytes(3).toString("hex")}`;
const workers: Worker[] = [];

interface Worker {
  name: string;
  port: number;
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function startWorker(name: string, extraEnv: Record<string, string> = {}): Promise<Worker> {
  const port = await freePort();
  const child = spawn(process.execPath, ["--import", "tsx", MAIN], {
    env: {
      ...process.env,
      POD_NAME: name,
      LOG_LEVEL: "info",
      CANOPY_SERVICE: "worker",
      CANOPY_WORKER_PORT: String(port),
      CANOPY_SYSTEM_NAMESPACE: leaseNamespace.name,
      CANOPY_WORKER_LEASE_NAME: LEASE,
      CANOPY_METERING_WORKER_ID: cursorName,
      ...extraEnv,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const worker = { name, port, child, output: () => output, exited };
  workers.push(worker);
  return worker;
}

async function get(worker: Worker, path: string): Promise<{ status: number; body: string }> {
  const response = await fetch(`http://127.0.0.1:${worker.port}${path}`);
  return { status: response.status, body: await response.text() };
}

/** The value of an unlabelled metric in the worker's /metrics, if present. */
async function metric(worker: Worker, name: string): Promise<number | undefined> {
  const { body } = await get(worker, "/metrics");
  const line = body.split("\n").find((l) => l.startsWith(`${name} `) || l.startsWith(`${name}{`));
  return line ? Number(line.split(" ").pop()) : undefined;
}

const holder = async () => {
  const lease = await new LeaseLock({
    kubeConfig: adminKubeConfig(),
    namespace: leaseNamespace.name,
    name: LEASE,
    requestTimeoutMs: 5_000,
  }).get();
  return lease?.record.holderIdentity;
};

const cursor = async () =>
  (await db().meteringProgress.findUnique({ where: { id: meteringCursorId(cursorName) } }))?.position;

beforeAll(async () => {
  leaseNamespace = await createTestNamespace("wlease");
  ws = await teamWorkspace({ prefix: "failover" });
  // A runtime's pod (pause, under gVisor on the real node). The simulated (kwok) nodes
  // cannot take a workspace's pods: they offer no ephemeral-storage, which the workspace's
  // LimitRange requests by default.
  const pod = await createPod(ws.namespace, "ha-1", { cpu: "100m", memory: "64Mi", runtime: "ha" });
  podUid = pod.metadata!.uid!;
  const started = new Date(pod.status!.containerStatuses![0]!.state!.running!.startedAt!);
  firstBilledMinute = floorMinute(started); // billed from the minute it started in
});

afterAll(async () => {
  for (const w of workers) w.child.kill("SIGKILL");
  await core.deleteNamespacedPod({ name: "ha-1", namespace: ws.namespace }).catch(() => undefined);
  await leaseNamespace.cleanup();
  await db().meteringProgress.deleteMany({ where: { id: meteringCursorId(cursorName) } });
});

describe("the worker at two replicas", () => {
  it("meters with exactly one leader, survives a SIGKILL of it with every minute once, and releases on SIGTERM", async () => {
    const [a, b] = [await startWorker("worker-a"), await startWorker("worker-b")];
    const both = [a!, b!];
    for (const w of both) {
      await eventually(`${w.name} ready`, async () => ((await get(w, "/readyz")).status === 200 ? true : undefined));
      expect((await get(w, "/livez")).status).toBe(200);
    }
    const leader = await eventually(
      "a leader",
      async () => {
        const active = await Promise.all(both.map((w) => metric(w, "canopy_worker_lease_active")));
        return active.filter((v) => v === 1).length === 1 ? both[active.indexOf(1)] : undefined;
      },
      30_000,
    );
    const standby = leader === a ? b! : a!;
    expect(await metric(standby, "canopy_worker_lease_active")).toBe(0);
    expect((await holder())?.startsWith(`${leader.name}_`)).toBe(true);

    // The leader meters; the standby runs no loop at all.
    const minuteBeforeKill = addMinutes(firstBilledMinute, 1);
    await eventually(
      "the leader metered two minutes of the pod",
      async () => ((await cursor()) && (await cursor())! >= minuteBeforeKill ? true : undefined),
      180_000,
    );
    expect((await get(leader, "/metrics")).body).toMatch(
      /canopy_worker_loop_runs_total\{loop="metering",outcome="ok"\} [1-9]/,
    );
    expect((await get(standby, "/metrics")).body).not.toMatch(/canopy_worker_loop_runs_total\{loop="metering"/);
    expect(await metric(leader, "canopy_metering_lag_seconds")).toBeGreaterThanOrEqual(0);
    expect(await metric(leader, "canopy_metering_rows_written_total")).toBeGreaterThan(0);
    const exposition = (await get(leader, "/metrics")).body;
    for (const name of [
      "canopy_rating_lag_seconds",
      "canopy_informer_relists_total",
      "canopy_worker_loop_duration_seconds",
    ]) {
      expect(exposition).toContain(`# TYPE ${name} `);
    }

    leader.child.kill("SIGKILL");
    const killedAt = Date.now();
    await leader.exited;
    await eventually(
      "the standby leads",
      async () => ((await metric(standby, "canopy_worker_lease_active")) === 1 ? true : undefined),
      30_000,
    );
    console.log(`takeover ${Date.now() - killedAt} ms after the leader's SIGKILL`);
    expect((await holder())?.startsWith(`${standby.name}_`)).toBe(true);

    // The new leader goes on from the shared cursor, past the minutes the old one missed.
    const through = addMinutes(floorMinute(new Date()), 0);
    await eventually(
      "the new leader metered past the takeover",
      async () => ((await cursor()) && (await cursor())! >= through ? true : undefined),
      150_000,
    );
    const term = await db().leaderTerm.findUniqueOrThrow({ where: { name: LEASE } });
    expect(term.holder.startsWith(`${standby.name}_`)).toBe(true);
    expect(term.term).toBeGreaterThanOrEqual(2n);

    // Graceful shutdown: the run in progress finishes, the Lease is released, exit 0.
    standby.child.kill("SIGTERM");
    expect(await standby.exited, standby.output()).toBe(0);
    expect(await holder()).toBe("");

    // Every minute from the pod's first whole one to the cursor, once per resource.
    const last = (await cursor())!;
    const rows = await ledgerEntries({ objectUid: podUid });
    const expected: string[] = [];
    for (let m = firstBilledMinute; m <= last; m = addMinutes(m, 1)) {
      expected.push(`${m.toISOString()} CPU`, `${m.toISOString()} MEMORY`);
    }
    // Billed: max(request, measured usage); egress rows are bytes, checked by the metering tests.
    const billed = rows.filter((r) => r.resource !== "EGRESS");
    for (const r of billed) expect(r.quantity >= (r.resource === "CPU" ? 100n : 64n * 2n ** 20n)).toBe(true);
    const actual = billed.map((r) => `${r.minute.toISOString()} ${r.resource}`);
    // The span has minutes written by each leader: before the kill, and after the takeover.
    expect(billed.some((r) => r.recordedAt.getTime() < killedAt)).toBe(true);
    expect(billed.some((r) => r.recordedAt.getTime() > killedAt)).toBe(true);
    expect(actual, `${leader.output()}\n---\n${standby.output()}`).toEqual(expected);
  }, 480_000);

  it("refuses to start, naming the database, when PostgreSQL cannot be reached", async () => {
    // The positive control is the test above: the same command with the real database starts.
    const port = await freePort(); // nothing listens there
    const worker = await startWorker("worker-nodb", {
      DATABASE_URL: `postgresql://canopy@127.0.0.1:${port}/canopy`,
    });
    expect(await worker.exited).toBe(1);
    expect(worker.output()).toMatch(/"database":false,"kubernetes":true.*cannot start: a dependency is unreachable/);
    expect(await holder()).toBe("");
  });
});
