import { randomBytes } from "node:crypto";
import * as k8s from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rateGroups, aggregateUsage } from "@/lib/billing/rating";
import { db } from "@/lib/db/client";
import { adminKubeConfig } from "@/lib/kube/client";
import { KubeletStats, type PodStats } from "@/lib/metering/kubelet-stats";
import { MeteringWorker, meteringCursorId } from "@/lib/metering/metering-worker";
import { addMinutes, floorHour, floorMinute } from "@/lib/time/utc";
import { eventually } from "../../support/kube";
import { untilFirewallKnows } from "../../support/node-firewall";
import { sandboxedPod, stackImage } from "../../support/real-node";
import { billedWorkspace, core, usageRows } from "./support";
import { ledgerEntry } from "../../support/usage-ledger";

// Metering from real usage on the real node: the kubelet's Summary API (through the API
// server's node proxy) feeds the meter. A container that spins above its request is billed
// its usage, an idle one its request; a pod that downloads from another shows the bytes; and
// metering a minute again (a retry, a second worker) changes nothing in the ledger.

const NODE = "canopy-node-1";
const REQUEST_M = 50n;
const LIMIT_M = 400n;
const MEMORY_REQUEST = 64n * 2n ** 20n;

let ws: Awaited<ReturnType<typeof billedWorkspace>>;
const uid: Record<"web" | "spin" | "idle" | "fetch", string> = { web: "", spin: "", idle: "", fetch: "" };

function pod(name: string, image: "shell:1" | "web:1", command?: string[]): k8s.V1Pod {
  const body = sandboxedPod(name, stackImage(image), { command, port: image === "web:1" ? 8080 : undefined });
  const container = body.spec!.containers[0]!;
  container.imagePullPolicy = "Always";
  // The web server's sandbox grows with the connections it has served (gVisor counts them in
  // the pod's memory): at 64 MiB it was OOM-killed after ~2 minutes of the fetcher's traffic,
  // and the new sandbox's address is not the one the fetcher calls.
  const memory = image === "web:1" ? "256Mi" : "64Mi";
  container.resources = {
    requests: { cpu: `${REQUEST_M}m`, memory },
    limits: { cpu: `${LIMIT_M}m`, memory },
  };
  body.metadata!.labels = { "canopy.dev/runtime": name };
  return body;
}

async function running(name: string): Promise<k8s.V1Pod> {
  return eventually(
    `pod ${name} running`,
    async () => {
      const p = await core.readNamespacedPod({ name, namespace: ws.namespace });
      return p.status?.phase === "Running" && p.status.podIP ? p : undefined;
    },
    120_000,
  );
}

/** Waits until `seconds` past the next minute boundary (real time: the kubelet measures real time). */
async function nextMinute(seconds = 4): Promise<Date> {
  const target = floorMinute(new Date()).getTime() + 60_000 + seconds * 1000;
  await new Promise((resolve) => setTimeout(resolve, target - Date.now()));
  return new Date();
}

/** The node's own reading of one container's cumulative CPU, read independently of the meter. */
async function containerCpu(podName: string): Promise<{ at: Date; value: bigint }> {
  const pods = await new KubeletStats(adminKubeConfig()).read();
  const stats: PodStats | undefined = pods.find((p) => p.namespace === ws.namespace && p.name === podName);
  const counter = stats?.containers.app?.cpu.counter;
  if (!counter) throw new Error(`no CPU counter for ${podName} from ${NODE}`);
  return counter;
}

const meter = (workerId: string) =>
  new MeteringWorker({
    kubeConfig: adminKubeConfig(),
    workerId,
    catchupMinutes: 1,
    extraNamespaceSelector: ws.selector,
    log: () => undefined,
  });

/** A step once the worker's informers are listed and watching (as the worker's loop retries). */
const stepWhenReady = (worker: MeteringWorker, now?: Date) =>
  eventually("the cluster view ready", async () => {
    const result = await worker.step(now);
    return result.skipped === "cluster view not ready" ? undefined : result;
  });

const rowOf = async (podUid: string, resource: "CPU" | "MEMORY" | "EGRESS", minute: Date) =>
  ledgerEntry(podUid, resource, minute);

beforeAll(async () => {
  ws = await billedWorkspace("usage");
  await core.createNamespacedPod({ namespace: ws.namespace, body: pod("web", "web:1") });
  const web = await running("web");
  await Promise.all([
    core.createNamespacedPod({
      namespace: ws.namespace,
      body: pod("spin", "shell:1", ["sh", "-c", "while :; do :; done"]),
    }),
    core.createNamespacedPod({ namespace: ws.namespace, body: pod("idle", "shell:1", ["sleep", "3600"]) }),
    core.createNamespacedPod({
      namespace: ws.namespace,
      body: pod("fetch", "shell:1", [
        "sh",
        "-c",
        `while :; do wget -q -O /dev/null http://${web.status!.podIP}:8080/ || true; sleep 0.2; done`,
      ]),
    }),
  ]);
  for (const name of ["web", "spin", "idle", "fetch"] as const) uid[name] = (await running(name)).metadata!.uid!;
  // The fetcher's traffic is refused until the node's firewall knows both pods.
  await untilFirewallKnows(web.status!.podIP!, 240_000);
  await untilFirewallKnows((await running("fetch")).status!.podIP!, 240_000);
}, 600_000);

afterAll(async () => {
  await db().meteringProgress.deleteMany({ where: { id: { startsWith: "meter:test-usage-" } } });
  for (const name of ["web", "spin", "idle", "fetch"]) {
    await core.deleteNamespacedPod({ name, namespace: ws.namespace }).catch(() => undefined);
  }
});

describe("metering from the kubelet's measurements", () => {
  it("bills a spinning container its usage and an idle one its request; meters a minute once however often it is written", async () => {
    const id = `test-usage-${randomBytes(3).toString("hex")}`;
    const worker = meter(id);
    await worker.start();
    try {
      // The first step takes the baseline reading (and writes the minute that just ended).
      await nextMinute(2);
      expect((await stepWhenReady(worker)).minutes).toBeGreaterThan(0);
      const before = await containerCpu("spin");
      // A minute later: the minute that just ended is billed from the counter's interval.
      const now = await nextMinute(2);
      const minute = addMinutes(floorMinute(now), -1);
      const step = await worker.step(now);
      const after = await containerCpu("spin");
      expect(step.minutes).toBe(1);

      const spin = await rowOf(uid.spin, "CPU", minute);
      const idle = await rowOf(uid.idle, "CPU", minute);
      // Independent recompute from the same source: the container's counter around the step.
      const elapsedMs = BigInt(after.at.getTime() - before.at.getTime());
      const independent = ((after.value - before.value) * 1000n) / (elapsedMs * 1_000_000n);
      expect(spin!.quantity).toBeGreaterThan(3n * REQUEST_M);
      expect(spin!.quantity).toBeLessThanOrEqual(LIMIT_M + 20n);
      const tolerance = independent / 5n + 20n; // ±20 % + 20 m: the kubelet refreshes every ~10 s
      expect(spin!.quantity > independent - tolerance && spin!.quantity < independent + tolerance).toBe(true);
      expect(idle!.quantity).toBe(REQUEST_M);
      // Memory: the working set of these containers is far below their 64 MiB request.
      expect((await rowOf(uid.spin, "MEMORY", minute))!.quantity).toBe(MEMORY_REQUEST);
      expect((await rowOf(uid.idle, "MEMORY", minute))!.quantity).toBe(MEMORY_REQUEST);

      // The chart's sample beside its request and limit.
      const sample = await db().usageSample.findUniqueOrThrow({
        where: { podUid_minute: { podUid: uid.spin, minute } },
      });
      expect(sample.cpuMillicores).toBe(spin!.quantity);
      expect([sample.cpuRequestMillicores, sample.cpuLimitMillicores]).toEqual([REQUEST_M, LIMIT_M]);
      expect(sample.memoryLimitBytes).toBe(MEMORY_REQUEST);
      expect(sample.memoryBytes > 0n && sample.memoryBytes < MEMORY_REQUEST).toBe(true);

      // Exactly once: the same minute metered again by this worker (its cursor set back, as
      // after a crash) and by a second worker changes no row and no charge.
      const ledger = await usageRows(ws.workspace.id);
      const rated = await rateGroups(await aggregateUsage(floorHour(minute), addMinutes(floorHour(minute), 60)));
      await db().meteringProgress.update({
        where: { id: meteringCursorId(id) },
        data: { position: addMinutes(minute, -1) },
      });
      for (const workerId of [id, `${id}-b`]) {
        const again = meter(workerId);
        await again.start();
        try {
          expect(await stepWhenReady(again, now)).toEqual({ minutes: 1, rows: 0 });
        } finally {
          await again.stop();
        }
      }
      expect(await usageRows(ws.workspace.id)).toEqual(ledger);
      expect(await rateGroups(await aggregateUsage(floorHour(minute), addMinutes(floorHour(minute), 60)))).toEqual(
        rated,
      );
    } finally {
      await worker.stop();
    }
  }, 240_000);

  it("shows the bytes a pod downloads from another and bills the bytes sent as egress, once", async () => {
    const id = `test-usage-${randomBytes(3).toString("hex")}`;
    const worker = meter(id);
    await worker.start();
    try {
      await nextMinute(2);
      await stepWhenReady(worker);
      // A loaded node's kubelet can pass on its network counters a minute late: meter minute
      // by minute (three at most) until a minute holds the fetcher's traffic.
      let minute = new Date(0);
      let samples: Awaited<ReturnType<ReturnType<typeof db>["usageSample"]["findMany"]>> = [];
      const of = (name: keyof typeof uid) => samples.find((s) => s.podUid === uid[name]);
      for (let attempt = 1; attempt <= 3; attempt += 1) {
        const now = await nextMinute(2);
        minute = addMinutes(floorMinute(now), -1);
        await worker.step(now);
        samples = await db().usageSample.findMany({ where: { workspaceId: ws.workspace.id, minute } });
        if ((of("fetch")?.rxBytes ?? 0n) > 10_000n) break;
      }
      // The client received the pages the server sent (and sent its requests).
      expect(of("fetch")?.rxBytes ?? 0n).toBeGreaterThan(10_000n);
      expect(of("web")?.txBytes ?? 0n).toBeGreaterThan(10_000n);
      // The idle pod only hears the bridge's broadcasts.
      expect((of("idle")?.rxBytes ?? 0n) * 10n).toBeLessThan(of("fetch")!.rxBytes);
      const egress = await rowOf(uid.web, "EGRESS", minute);
      expect(egress?.quantity).toBe(of("web")!.txBytes);
    } finally {
      await worker.stop();
    }
  }, 360_000);
});
