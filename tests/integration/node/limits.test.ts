import { readFileSync } from "node:fs";
import * as k8s from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminApi } from "@/lib/kube/client";
import { createTestNamespace, eventually } from "../../support/kube";
import { sandboxedPod, stackImage } from "../../support/real-node";

// A CPU limit holds on the real node: a container that spins as fast as it can, under
// gVisor with a 200m limit, gets no more than 200 millicores. Measured from the host, in
// the pod's own cgroup (cgroupfs driver, Guaranteed QoS: kubepods/pod<uid>), as the kernel
// accounts it. (The memory limit's proof is the OOM test in e2e/real-node.spec.ts.)

const core = adminApi(k8s.CoreV1Api);
const LIMIT_CORES = 0.2;

function cpuSeconds(uid: string): number {
  const nanos = readFileSync(`/sys/fs/cgroup/cpuacct/kubepods/pod${uid}/cpuacct.usage`, "utf8");
  return Number(nanos) / 1e9;
}

describe("a CPU limit on the real node", () => {
  let namespace: Awaited<ReturnType<typeof createTestNamespace>>;
  beforeAll(async () => {
    namespace = await createTestNamespace("cpu-limit");
  });
  afterAll(async () => {
    await namespace?.cleanup();
  });

  it("keeps a spinning container at its limit", async () => {
    const spec = sandboxedPod("spin", stackImage("shell:1"), { command: ["sh", "-c", "while :; do :; done"] });
    const resources = { cpu: "200m", memory: "64Mi" };
    spec.spec!.containers[0]!.resources = { requests: resources, limits: resources };
    const created = await core.createNamespacedPod({ namespace: namespace.name, body: spec });
    await eventually(
      "the spinning pod to run",
      async () => {
        const pod = await core.readNamespacedPod({ name: "spin", namespace: namespace.name });
        return pod.status?.phase === "Running" ? true : undefined;
      },
      90_000,
    );
    const uid = created.metadata!.uid!;
    const before = { at: performance.now(), cpu: cpuSeconds(uid) };
    await new Promise((resolve) => setTimeout(resolve, 6_000));
    const after = { at: performance.now(), cpu: cpuSeconds(uid) };
    const cores = (after.cpu - before.cpu) / ((after.at - before.at) / 1000);
    // It does spin (the loop runs), and the kernel's CFS quota holds it at the limit (some slack for accounting periods).
    expect(cores).toBeGreaterThan(0.05);
    expect(cores).toBeLessThanOrEqual(LIMIT_CORES * 1.15);
  });
});
