import * as k8s from "@kubernetes/client-node";
import { beforeAll, describe, expect, it } from "vitest";
import { authorizeWorkspace } from "@/lib/authz/guard";
import type { WorkspaceContext } from "@/lib/authz/context";
import { db } from "@/lib/db/client";
import { adminApi } from "@/lib/kube/client";
import {
  deleteRuntime,
  restartRuntime,
  scaleRuntime,
  startRuntime,
  stopRuntime,
  updateRuntime,
} from "@/lib/runtimes/change-runtime";
import { createRuntime } from "@/lib/runtimes/create-runtime";
import { getRuntime, listRuntimes } from "@/lib/runtimes/list-runtimes";
import { preflightRuntime } from "@/lib/runtimes/preflight-runtime";
import { createRuntimeInput } from "@/lib/runtimes/runtime-input";
import { addMember, teamWorkspace } from "../../support/factories";
import { eventually } from "../../support/kube";
import { stackImage } from "../../support/real-node";

const apps = adminApi(k8s.AppsV1Api);
const core = adminApi(k8s.CoreV1Api);

function spec(name: string, overrides: Record<string, unknown> = {}) {
  return createRuntimeInput.parse({
    name,
    image: stackImage("web:1"),
    cpu: "250m",
    memory: "256Mi",
    replicas: 2,
    runtimeClass: "gvisor",
    ports: [{ port: 8080 }],
    env: [
      { name: "GREETING", value: "hi", secret: false },
      { name: "API_KEY", value: "s3cret", secret: true },
    ],
    publicEndpoint: { hostPrefix: `${name}-${Date.now().toString(36)}`, port: 8080 },
    ...overrides,
  });
}

async function runningPods(namespace: string, name: string, count: number) {
  return eventually(`${count} running pods of ${name}`, async () => {
    const pods = await core.listNamespacedPod({ namespace, labelSelector: `canopy.dev/runtime=${name}` });
    const running = pods.items.filter((p) => p.status?.phase === "Running" && !p.metadata?.deletionTimestamp);
    return running.length === count ? running : undefined;
  });
}

describe("runtimes", () => {
  let context: WorkspaceContext;

  beforeAll(async () => {
    ({ context } = await teamWorkspace({ prefix: "rt", permission: "runtime.write" }));
  });

  it("creates a restricted, sandboxed runtime whose pods reach Running", async () => {
    const input = spec("web");
    await createRuntime(context, input);
    const pods = await runningPods(context.namespace, "web", 2);
    const pod = pods[0]!.spec!;
    expect(pod.runtimeClassName).toBe("gvisor");
    expect(pod.automountServiceAccountToken).toBe(false);
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, seccompProfile: { type: "RuntimeDefault" } });
    expect(pod.containers[0]!.securityContext).toMatchObject({
      allowPrivilegeEscalation: false,
      capabilities: { drop: ["ALL"] },
    });
    // The namespace enforces Pod Security "restricted": that the pods exist proves they pass.
    const namespace = await core.readNamespace({ name: context.namespace });
    expect(namespace.metadata?.labels?.["pod-security.kubernetes.io/enforce"]).toBe("restricted");

    const secret = await core.readNamespacedSecret({ name: "web-env", namespace: context.namespace });
    expect(Buffer.from(secret.data!.API_KEY!, "base64").toString()).toBe("s3cret");
    expect(pod.containers[0]!.env).toContainEqual({ name: "GREETING", value: "hi" });
    const service = await core.readNamespacedService({ name: "web", namespace: context.namespace });
    expect(service.spec?.type).toBe("ClusterIP");
    const ingress = await adminApi(k8s.NetworkingV1Api).readNamespacedIngress({
      name: "web",
      namespace: context.namespace,
    });
    expect(ingress.spec?.rules?.[0]?.host).toBe(`${input.publicEndpoint!.hostPrefix}.apps.canopy.localhost`);

    const [listed] = await listRuntimes(context);
    expect(listed).toMatchObject({ name: "web", desired: 2, cpuMillis: 250, memoryMiB: 256, runtimeClass: "gvisor" });
    const { runtime } = await getRuntime(context, "web");
    expect(runtime.env.find((e) => e.name === "API_KEY")).toEqual({ name: "API_KEY", value: "", secret: true });
  });

  it("refuses what the quota cannot hold, naming the limit and what is left", async () => {
    const result = await preflightRuntime(context, spec("huge", { cpu: "4", replicas: 3, publicEndpoint: null }));
    expect(result.ok).toBe(false);
    // Team plan: 8 CPU; "web" holds 2 × 250m.
    expect(result.fieldErrors.cpu).toEqual(["12 CPU (3 replicas) exceeds the 7.5 CPU left in this workspace's quota."]);
    await expect(
      createRuntime(context, spec("huge", { cpu: "4", replicas: 3, publicEndpoint: null })),
    ).rejects.toMatchObject({
      code: "INVALID_INPUT",
    });
    await expect(apps.readNamespacedDeployment({ name: "huge", namespace: context.namespace })).rejects.toMatchObject({
      code: 404,
    });
    expect(result.hourly.total).toBeGreaterThan(0n);
  });

  it("refuses a runtime class outside the plan and a public host already taken", async () => {
    const other = await preflightRuntime(context, spec("other", { runtimeClass: "runc" }));
    expect(other.fieldErrors.runtimeClass?.[0]).toContain("allows these runtime classes: gvisor, kata");
    const web = await getRuntime(context, "web");
    const taken = await preflightRuntime(
      context,
      spec("copy", { publicEndpoint: { hostPrefix: web.runtime.host!.split(".")[0], port: 8080 } }),
    );
    expect(taken.fieldErrors["publicEndpoint.hostPrefix"]?.[0]).toContain("is already in use");
  });

  it("scales, stops, starts, restarts and updates with a rolling update", async () => {
    await scaleRuntime(context, { name: "web", replicas: 3 });
    await runningPods(context.namespace, "web", 3);
    await stopRuntime(context, { name: "web" });
    await runningPods(context.namespace, "web", 0);
    expect((await getRuntime(context, "web")).runtime).toMatchObject({ phase: "Stopped", stoppedReplicas: 3 });
    await startRuntime(context, { name: "web" });
    await runningPods(context.namespace, "web", 3);
    await restartRuntime(context, { name: "web" });
    const restarted = await apps.readNamespacedDeployment({ name: "web", namespace: context.namespace });
    expect(restarted.spec?.template.metadata?.annotations?.["canopy.dev/restarted-at"]).toBeTruthy();

    const { runtime } = await getRuntime(context, "web");
    await updateRuntime(context, {
      ...spec("web", { image: stackImage("shell:1"), cpu: "500m", replicas: 1 }),
      env: [
        { name: "GREETING", value: "hello", secret: false },
        { name: "API_KEY", value: "", secret: true }, // keep the stored secret
      ],
      publicEndpoint: { hostPrefix: runtime.host!.split(".")[0]!, port: 8080 },
    });
    await eventually("the rolling update to finish", async () => {
      const pods = await runningPods(context.namespace, "web", 1);
      return pods[0]!.spec!.containers[0]!.image === stackImage("shell:1") ? pods : undefined;
    });
    const secret = await core.readNamespacedSecret({ name: "web-env", namespace: context.namespace });
    expect(Buffer.from(secret.data!.API_KEY!, "base64").toString()).toBe("s3cret");
  });

  it("is not reachable from another workspace", async () => {
    const { owner: stranger } = await teamWorkspace({ prefix: "st" });
    await expect(
      authorizeWorkspace({ userId: stranger.id }, context.workspace.slug, "runtime.read"),
    ).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    const { user: viewer } = await addMember(context.workspace.id, "VIEWER", { provision: true });
    await expect(
      authorizeWorkspace({ userId: viewer.id }, context.workspace.slug, "runtime.write"),
    ).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
  });

  it("deletes the runtime with everything it owns and frees its public host", async () => {
    await deleteRuntime(context, { name: "web" });
    await eventually("the runtime's objects to be gone", async () => {
      const [deployments, services, secrets] = await Promise.all([
        apps.listNamespacedDeployment({ namespace: context.namespace, labelSelector: "canopy.dev/runtime=web" }),
        core.listNamespacedService({ namespace: context.namespace, labelSelector: "canopy.dev/runtime=web" }),
        core.listNamespacedSecret({ namespace: context.namespace, labelSelector: "canopy.dev/runtime=web" }),
      ]);
      return deployments.items.length + services.items.length + secrets.items.length === 0 ? true : undefined;
    });
    expect(await db().publicEndpoint.count({ where: { workspaceId: context.workspace.id } })).toBe(0);
  });
});
