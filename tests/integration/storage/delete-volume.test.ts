import * as k8s from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { WorkspaceContext } from "@/lib/authz/context";
import { adminApi } from "@/lib/kube/client";
import { deleteVolume } from "@/lib/storage/delete-volume";
import { listVolumes } from "@/lib/storage/list-volumes";
import { deleteTestClaims, newVolume, trackNamespace, volumeWhen } from "./support";
import { teamWorkspace } from "../../support/factories";
import { eventually, statusOf } from "../../support/kube";
import { auditEvents } from "../../support/records";
import { stackImage } from "../../support/real-node";

// A pod spec that passes the workspace's admission: a sandboxed runtime class and the
// Pod Security "restricted" profile.
function podSpec(claimName: string): k8s.V1PodSpec {
  return {
    runtimeClassName: "gvisor",
    automountServiceAccountToken: false,
    securityContext: { runAsNonRoot: true, runAsUser: 1000, seccompProfile: { type: "RuntimeDefault" } },
    containers: [
      {
        name: "app",
        image: stackImage("pause:3.10.1"),
        imagePullPolicy: "Always",
        securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] } },
        volumeMounts: [{ name: "data", mountPath: "/data" }],
      },
    ],
    volumes: [{ name: "data", persistentVolumeClaim: { claimName } }],
  };
}

function deployment(name: string, claimName: string, labels: Record<string, string>): k8s.V1Deployment {
  return {
    metadata: { name, labels },
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: podSpec(claimName) },
    },
  };
}

describe("deleting volumes", () => {
  let context: WorkspaceContext;
  let namespace: string;
  const apps = () => adminApi(k8s.AppsV1Api);
  const core = () => adminApi(k8s.CoreV1Api);

  beforeAll(async () => {
    ({ context, namespace } = await teamWorkspace({ prefix: "vold", permission: "runtime.write" }));
    trackNamespace(namespace);
  });
  afterAll(deleteTestClaims);

  it("is refused while a runtime mounts the volume, and allowed once it is gone", async () => {
    await newVolume(context, { name: "shared" });
    await volumeWhen(context, "shared", "Bound", (v) => v.status === "Bound");
    await apps().createNamespacedDeployment({
      namespace,
      body: deployment("web-0a1b", "shared", {
        "app.kubernetes.io/managed-by": "canopy",
        "canopy.dev/runtime": "web",
      }),
    });
    // Its pod runs (on a kwok node) and is not listed a second time beside the runtime.
    await eventually("the runtime's pod to run", async () => {
      const pods = await core().listNamespacedPod({ namespace, labelSelector: "app=web-0a1b" });
      return pods.items.some((p) => p.status?.phase === "Running") ? true : undefined;
    });
    expect((await listVolumes(context)).find((v) => v.name === "shared")?.mountedBy).toEqual([
      { kind: "runtime", name: "web" },
    ]);

    await expect(deleteVolume(context, { name: "shared" })).rejects.toMatchObject({
      code: "CONFLICT",
      userMessage:
        "“shared” is mounted by runtime “web”. Remove it from there (or delete what mounts it) before deleting the volume.",
    });
    expect(await core().readNamespacedPersistentVolumeClaim({ name: "shared", namespace })).toMatchObject({
      metadata: { name: "shared" },
    });

    await apps().deleteNamespacedDeployment({ name: "web-0a1b", namespace, propagationPolicy: "Foreground" });
    await eventually("the volume to be deletable", async () => {
      await deleteVolume(context, { name: "shared" });
      return true;
    });
    await eventually("the claim to be gone", async () =>
      (await statusOf(() => core().readNamespacedPersistentVolumeClaim({ name: "shared", namespace })))?.code === 404
        ? true
        : undefined,
    );
    const [event] = await auditEvents(context.workspace.id, "volume.delete");
    expect(event).toMatchObject({
      actorId: context.actor.userId,
      outcome: "SUCCESS",
      targetType: "volume",
      targetId: "shared",
      details: { size: "1Gi", storageClass: "standard" },
    });
  });

  it("names every Deployment and pod that mounts it", async () => {
    await newVolume(context, { name: "scratch" });
    await apps().createNamespacedDeployment({ namespace, body: deployment("legacy", "scratch", {}) });
    await core().createNamespacedPod({ namespace, body: { metadata: { name: "debug" }, spec: podSpec("scratch") } });

    const volume = await volumeWhen(context, "scratch", "mounted twice", (v) => v.mountedBy.length === 2);
    expect(volume.mountedBy).toEqual([
      { kind: "deployment", name: "legacy" },
      { kind: "pod", name: "debug" },
    ]);
    await expect(deleteVolume(context, { name: "scratch" })).rejects.toMatchObject({
      code: "CONFLICT",
      userMessage:
        "“scratch” is mounted by deployment “legacy” and pod “debug”. Remove it from there (or delete what mounts it) before deleting the volume.",
    });

    await apps().deleteNamespacedDeployment({ name: "legacy", namespace });
    await core().deleteNamespacedPod({ name: "debug", namespace, gracePeriodSeconds: 0 });
    await eventually("the volume to be deletable", async () => {
      await deleteVolume(context, { name: "scratch" });
      return true;
    });
  });

  it("reports a volume that does not exist as not found", async () => {
    await expect(deleteVolume(context, { name: "never-was" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
