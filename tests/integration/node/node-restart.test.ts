import { spawnSync } from "node:child_process";
import http from "node:http";
import { fileURLToPath } from "node:url";
import * as k8s from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { WorkspaceContext } from "@/lib/authz/context";
import { authorizeWorkspace } from "@/lib/authz/guard";
import { db } from "@/lib/db/client";
import { adminApi, adminKubeConfig } from "@/lib/kube/client";
import { meterMinute } from "@/lib/metering/meter-minute";
import { podToMetered } from "@/lib/metering/metered-object";
import { createRuntime } from "@/lib/runtimes/create-runtime";
import { createRuntimeInput } from "@/lib/runtimes/runtime-input";
import { floorMinute } from "@/lib/time/utc";
import { createTeamWorkspace } from "@/lib/workspaces/create-workspace";
import { finishWorkspaceDeletion } from "@/lib/tenancy/finish-workspace-deletion";
import { createUser, uniqueSlug } from "../../support/factories";
import { eventually } from "../../support/kube";
import { execInPod, signalStackProcess, stackImage, stackProcessExited } from "../../support/real-node";

// The real node restarting under a running workspace: containerd and the kubelet die and
// come back (stack:up starts what is missing). The runtime is not lost: the very same pod
// (same UID, which is what usage rows are keyed by, so no minute can be billed twice)
// serves again.

const ROOT = fileURLToPath(new URL("../../..", import.meta.url));
const core = adminApi(k8s.CoreV1Api);
const coordination = adminApi(k8s.CoordinationV1Api);
const NODE = process.env.CANOPY_NODE_NAME ?? "canopy-node-1";

function get(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve) => {
    const request = http.get(url, { timeout: 3_000 }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
    });
    request.on("timeout", () => request.destroy());
    request.on("error", () => resolve({ status: 0, body: "" }));
  });
}

async function readyPod(namespace: string): Promise<k8s.V1Pod> {
  return eventually(
    "the runtime's pod to be Ready",
    async () => {
      const pods = await core.listNamespacedPod({ namespace, labelSelector: "canopy.dev/runtime=web" });
      return pods.items.find((p) => p.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True"));
    },
    120_000,
  );
}

describe("the real node restarting", () => {
  let context: WorkspaceContext;

  beforeAll(async () => {
    const owner = await createUser("Restart Owner");
    const { slug } = await createTeamWorkspace(
      { userId: owner.id },
      { displayName: "Restart", slug: uniqueSlug("restart") },
    );
    context = await authorizeWorkspace({ userId: owner.id }, slug, "runtime.write");
    await createRuntime(
      context,
      createRuntimeInput.parse({
        name: "web",
        image: stackImage("web:1"),
        cpu: "100m",
        memory: "128Mi",
        replicas: 1,
        runtimeClass: "gvisor",
        ports: [{ port: 8080 }],
      }),
    );
  });

  afterAll(async () => {
    if (!context) return;
    await db().workspace.update({
      where: { id: context.workspace.id },
      data: { status: "DELETING", deletedAt: new Date() },
    });
    await finishWorkspaceDeletion(context.workspace.id);
  });

  it("keeps the runtime's pod through a containerd and kubelet restart, serving, metered once a minute", async () => {
    const before = await readyPod(context.namespace);
    const address = `http://${before.status!.podIP}:8080/`;
    // Ready means started (runtimes have no readiness probe): wait for the server to answer.
    const first = await eventually("the pod to serve before the restart", async () => {
      const answer = await get(address);
      return answer.status === 200 ? answer : undefined;
    });
    expect(first.body).toContain(before.metadata!.name!);

    signalStackProcess("containerd", "SIGKILL");
    signalStackProcess("kubelet", "SIGKILL");
    const killedAt = Date.now();
    await stackProcessExited("containerd");
    await stackProcessExited("kubelet");
    const up = spawnSync("bash", ["scripts/stack/up.sh"], { cwd: ROOT, encoding: "utf8" });
    expect(up.status, up.stderr).toBe(0);
    expect(up.stderr).toContain("starting containerd");
    expect(up.stderr).toContain("starting kubelet");

    // The node is back: its kubelet renews the lease again, and the API server reaches the
    // kubelet for the pod (exec), which a Ready left over from before the restart would not prove.
    await eventually("the kubelet to renew the node's lease after the restart", async () => {
      const lease = await coordination.readNamespacedLease({ name: NODE, namespace: "kube-node-lease" });
      const renewed = lease.spec?.renewTime ? new Date(lease.spec.renewTime).getTime() : 0;
      return renewed > killedAt ? true : undefined;
    });
    const after = await readyPod(context.namespace);
    expect(after.metadata!.uid).toBe(before.metadata!.uid);
    const exec = await eventually("exec through the restarted kubelet", async () => {
      const result = await execInPod(adminKubeConfig(), context.namespace, after.metadata!.name!, ["hostname"]);
      return result.exitCode === 0 ? result : undefined;
    });
    expect(exec.stdout.trim()).toBe(after.metadata!.name);
    await eventually("the same pod to serve again", async () => {
      const again = await get(`http://${after.status!.podIP}:8080/`);
      return again.status === 200 && again.body.includes(after.metadata!.name!) ? true : undefined;
    });

    // Still one pod, the same one: usage rows are keyed by (pod UID, resource, minute), so
    // the restart gave the meter no second object to bill for the same minutes.
    const pods = await core.listNamespacedPod({ namespace: context.namespace });
    expect(pods.items.map((pod) => pod.metadata!.uid)).toEqual([before.metadata!.uid]);
    const metered = pods.items.flatMap((pod) => podToMetered(pod, context.workspace.id) ?? []);
    const previousMinute = new Date(floorMinute(new Date()).getTime() - 60_000);
    const rows = meterMinute(previousMinute, metered);
    for (const resource of ["CPU", "MEMORY"]) {
      expect(rows.filter((row) => row.resource === resource).length).toBeLessThanOrEqual(1);
    }
  });
});
