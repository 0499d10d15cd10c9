import type { V1Pod } from "@kubernetes/client-node";
import { describe, expect, it } from "vitest";
import { podToRecreate } from "@/lib/billing/workload-kinds";

// A bare pod stopped by a billing hold is created again on resume from what PostgreSQL kept:
// what its author gave, without what the cluster filled in, which a create would refuse
// (nodeName, by the admission policies; ephemeral containers) or add again itself.

const tokenVolume = "kube-api-access-x7k2p";

const running: V1Pod = {
  apiVersion: "v1",
  kind: "Pod",
  metadata: {
    name: "bare",
    namespace: "ws-a",
    uid: "3f0c",
    resourceVersion: "812",
    creationTimestamp: new Date("2026-12-06T10:00:00Z"),
    labels: { app: "bare" },
    annotations: { note: "mine" },
    finalizers: ["example.com/keep"],
    managedFields: [{ manager: "kubectl", operation: "Update" }],
  },
  spec: {
    nodeName: "canopy-node-1",
    priority: 0,
    runtimeClassName: "gvisor",
    containers: [
      {
        name: "app",
        image: "registry/app:1",
        volumeMounts: [
          { name: "data", mountPath: "/data" },
          { name: tokenVolume, mountPath: "/var/run/secrets/kubernetes.io/serviceaccount", readOnly: true },
        ],
      },
    ],
    initContainers: [
      { name: "init", image: "registry/init:1", volumeMounts: [{ name: tokenVolume, mountPath: "/t" }] },
    ],
    ephemeralContainers: [{ name: "debug", image: "registry/shell:1" }],
    volumes: [
      { name: "data", persistentVolumeClaim: { claimName: "data" } },
      { name: tokenVolume, projected: { sources: [{ serviceAccountToken: { path: "token" } }] } },
    ],
  },
  status: { phase: "Running", podIP: "10.0.0.9" },
};

describe("podToRecreate", () => {
  it("keeps what the author gave and drops what the cluster filled in", () => {
    expect(podToRecreate(running)).toEqual({
      apiVersion: "v1",
      kind: "Pod",
      metadata: {
        name: "bare",
        labels: { app: "bare" },
        annotations: { note: "mine" },
        ownerReferences: undefined,
        finalizers: ["example.com/keep"],
      },
      spec: {
        runtimeClassName: "gvisor",
        containers: [{ name: "app", image: "registry/app:1", volumeMounts: [{ name: "data", mountPath: "/data" }] }],
        initContainers: [{ name: "init", image: "registry/init:1", volumeMounts: [] }],
        volumes: [{ name: "data", persistentVolumeClaim: { claimName: "data" } }],
      },
    });
  });

  it("keeps a volume of the author's that only looks like the token volume", () => {
    const own = { name: "kube-api-access-mine", configMap: { name: "settings" } };
    const mount = { name: own.name, mountPath: "/etc/settings" };
    const pod: V1Pod = {
      ...running,
      spec: { containers: [{ name: "app", image: "registry/app:1", volumeMounts: [mount] }], volumes: [own] },
    };
    const recreated = podToRecreate(pod).spec!;
    expect(recreated.volumes).toEqual([own]);
    expect(recreated.containers[0]!.volumeMounts).toEqual([mount]);
  });

  it("leaves the stored pod untouched", () => {
    const copy = structuredClone(running);
    podToRecreate(running);
    expect(running).toEqual(copy);
  });
});
