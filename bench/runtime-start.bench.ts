import { randomBytes } from "node:crypto";
import http from "node:http";
import { performance } from "node:perf_hooks";
import * as k8s from "@kubernetes/client-node";
import { authorizeWorkspace } from "@/lib/authz/guard";
import { grantCredit } from "@/lib/billing/credits";
import { env } from "@/lib/config/env";
import { db } from "@/lib/db/client";
import { adminApi } from "@/lib/kube/client";
import { deleteRuntime } from "@/lib/runtimes/change-runtime";
import { createRuntime } from "@/lib/runtimes/create-runtime";
import { createRuntimeInput } from "@/lib/runtimes/runtime-input";
import { createTeamWorkspace } from "@/lib/workspaces/create-workspace";
import { ingressHttpAddress, stackImage } from "../tests/support/real-node";
import { deleteBenchObjects, resetBenchDatabase, tag, type Benchmark } from "./support";

// How long the real node takes to start a runtime: createRuntime (the product's own path:
// preflight, Deployment, Service, Ingress as the member) until the first HTTP 200 from the
// container through the ingress controller, for the stack's web image under gVisor. Each
// run deletes its runtime and waits for its pod to go, so every start is a cold pod (the
// image is cached on the node after the first, as on any node).

const SIZES = { smoke: { runs: 2 }, full: { runs: 20 } };
const POLL_MS = 50;

/** One GET through the ingress controller's plain-HTTP address with the runtime's host name. */
function statusThroughIngress(host: string): Promise<number> {
  const ingress = ingressHttpAddress();
  return new Promise((resolve) => {
    const request = http.get({ ...ingress, path: "/", headers: { host }, timeout: 2_000 }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.on("timeout", () => request.destroy());
    request.on("error", () => resolve(0));
  });
}

async function untilServing(host: string, deadlineMs: number): Promise<void> {
  const deadline = performance.now() + deadlineMs;
  while ((await statusThroughIngress(host)) !== 200) {
    if (performance.now() > deadline) throw new Error(`${host} did not answer 200 within ${deadlineMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

async function untilNoPods(namespace: string, name: string): Promise<void> {
  for (;;) {
    const pods = await adminApi(k8s.CoreV1Api).listNamespacedPod({
      namespace,
      labelSelector: `canopy.dev/runtime=${name}`,
    });
    if (pods.items.length === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

export const benchmark: Benchmark = {
  name: "runtime-start",
  description:
    "createRuntime → first HTTP 200 from the container through the ingress controller, on the real node (gVisor)",
  async run(size, log) {
    const { runs } = SIZES[size];
    await resetBenchDatabase();
    try {
      const t = tag();
      const user = await db().user.create({
        data: { name: `Bench ${t}`, email: `bench-${t}@bench.canopy.test`, emailVerified: new Date() },
      });
      const actor = { userId: user.id };
      const { slug } = await createTeamWorkspace(actor, { displayName: `Bench ${t}`, slug: `bench-rs-${t}` });
      await grantCredit({ workspaceSlug: slug, amountMicros: 1_000_000_000n, grantedBy: "bench", note: "Bench grant" });
      const context = await authorizeWorkspace(actor, slug, "runtime.write");
      const samples: number[] = [];
      log(`${runs} runtimes, one at a time`);
      for (let i = 0; i < runs; i++) {
        const name = `web-${i}`;
        const prefix = `rs-${t}-${i}-${randomBytes(2).toString("hex")}`;
        const input = createRuntimeInput.parse({
          name,
          image: stackImage("web:1"),
          cpu: "100m",
          memory: "128Mi",
          replicas: 1,
          runtimeClass: "gvisor",
          ports: [{ port: 8080 }],
          publicEndpoint: { hostPrefix: prefix, port: 8080 },
        });
        const started = performance.now();
        await createRuntime(context, input);
        const host = `${prefix}.${env().CANOPY_PUBLIC_BASE_DOMAIN}`;
        await untilServing(host, 120_000);
        samples.push(performance.now() - started);
        await deleteRuntime(context, { name });
        await untilNoPods(context.namespace, name);
      }
      return {
        figures: [{ name: "create → first HTTP 200 through the ingress", samples, targets: {} }],
        params: { runs, image: stackImage("web:1"), runtimeClass: "gvisor", node: "real", pollMs: POLL_MS },
        notes: [
          "One runtime at a time in one workspace; each is deleted (and its pod gone) before the next, so every run starts a new pod; the image is pulled from the local registry on the first run only.",
        ],
      };
    } finally {
      await deleteBenchObjects();
    }
  },
};
