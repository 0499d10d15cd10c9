import * as k8s from "@kubernetes/client-node";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { adminApi, memberApi } from "@/lib/kube/client";
import { provisionWorkspace } from "@/lib/tenancy/provision-workspace";
import { memberUsername } from "@/lib/tenancy/kube-names";
import { teamWorkspace } from "../../support/factories";
import { isConflict, statusOf } from "@/lib/kube/status";
import { stackImage } from "../../support/real-node";

// Admission rules for what Pod Security does not cover, enforced by the API server for a
// developer acting in their own workspace. Each refusal has a compliant positive control.

const restrictedPod = (name: string, runtimeClassName?: string): k8s.V1Pod => ({
  metadata: { name },
  spec: {
    ...(runtimeClassName ? { runtimeClassName } : {}),
    automountServiceAccountToken: false,
    securityContext: { runAsNonRoot: true, runAsUser: 1000, seccompProfile: { type: "RuntimeDefault" } },
    containers: [
      {
        name: "app",
        image: stackImage("pause:3.10.1"),
        imagePullPolicy: "Always",
        securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] } },
      },
    ],
  },
});

async function denial(call: () => Promise<unknown>): Promise<{ code: number; message: string }> {
  try {
    await call();
  } catch (error) {
    const status = statusOf(error);
    if (status) return { code: status.code, message: status.message! };
    throw error;
  }
  throw new Error("expected the API server to refuse the request");
}

describe("workspace admission policies", () => {
  let core: k8s.CoreV1Api;
  let namespace: string;
  let username: string;
  let workspaceId: string;

  beforeAll(async () => {
    const created = await teamWorkspace({ prefix: "adm" });
    username = memberUsername(created.ownerMembership.id);
    core = memberApi(username, k8s.CoreV1Api);
    namespace = created.namespace;
    workspaceId = created.workspace.id;
  });

  it("refuses NodePort and LoadBalancer Services and externalIPs, allows ClusterIP", async () => {
    const service = (name: string, spec: k8s.V1ServiceSpec): k8s.V1Service => ({
      metadata: { name },
      spec: { ports: [{ port: 80 }], ...spec },
    });
    for (const type of ["NodePort", "LoadBalancer", "ExternalName"]) {
      const extra = type === "ExternalName" ? { externalName: "db.example.com" } : {};
      const refused = await denial(() =>
        core.createNamespacedService({ namespace, body: service(type.toLowerCase(), { type, ...extra }) }),
      );
      expect(refused.code).toBe(403);
      expect(refused.message).toContain(`Services of type ${type} are not allowed in a Canopy workspace`);
    }
    const external = await denial(() =>
      core.createNamespacedService({ namespace, body: service("external", { externalIPs: ["203.0.113.9"] }) }),
    );
    expect(external.message).toContain("externalIPs are not allowed");
    await expect(core.createNamespacedService({ namespace, body: service("internal", {}) })).resolves.toBeDefined();
  });

  it("allows only the plan's runtime classes", async () => {
    const missing = await denial(() => core.createNamespacedPod({ namespace, body: restrictedPod("no-class") }));
    expect(missing.code).toBe(403);
    expect(missing.message).toContain("runtime class must be set");
    await adminCreateRuntimeClass("unlisted-runtime");
    const unlisted = await denial(() =>
      core.createNamespacedPod({ namespace, body: restrictedPod("unlisted", "unlisted-runtime") }),
    );
    expect(unlisted.message).toContain('runtime class "unlisted-runtime" is not allowed in this workspace');
    await expect(
      core.createNamespacedPod({ namespace, body: restrictedPod("sandboxed", "gvisor") }),
    ).resolves.toBeDefined();
  });

  it("refuses a pod that picks its node by name", async () => {
    const pinned = { ...restrictedPod("pinned", "gvisor") };
    pinned.spec = { ...pinned.spec!, nodeName: "kwok-node-1" };
    const refused = await denial(() => core.createNamespacedPod({ namespace, body: pinned }));
    expect(refused.code).toBe(403);
    expect(refused.message).toContain("spec.nodeName may not be set");
  });

  it("lets an Ingress serve only hosts the workspace reserved", async () => {
    const networking = memberApi(username, k8s.NetworkingV1Api);
    const ingress = (name: string, host: string): k8s.V1Ingress => ({
      metadata: { name },
      spec: {
        rules: [
          {
            host,
            http: {
              paths: [
                { path: "/", pathType: "Prefix", backend: { service: { name: "internal", port: { number: 80 } } } },
              ],
            },
          },
        ],
      },
    });
    const hijack = await denial(() =>
      networking.createNamespacedIngress({ namespace, body: ingress("hijack", "someone-else.apps.canopy.localhost") }),
    );
    expect(hijack.code).toBe(403);
    expect(hijack.message).toContain("Ingress hosts must be public endpoints this workspace reserved in Canopy");
    // Positive control: a host reserved for this workspace is served.
    const host = `mine-${Date.now().toString(36)}.apps.canopy.localhost`;
    await db().publicEndpoint.create({ data: { workspaceId, runtimeName: "internal", host } });
    await provisionWorkspace(workspaceId);
    await expect(networking.createNamespacedIngress({ namespace, body: ingress("mine", host) })).resolves.toBeDefined();
  });

  it("allows only the plan's storage classes", async () => {
    const claim = (name: string, storageClassName?: string): k8s.V1PersistentVolumeClaim => ({
      metadata: { name },
      spec: {
        ...(storageClassName !== undefined ? { storageClassName } : {}),
        accessModes: ["ReadWriteOnce"],
        resources: { requests: { storage: "1Gi" } },
      },
    });
    const refused = await denial(() =>
      core.createNamespacedPersistentVolumeClaim({ namespace, body: claim("fast", "fast-ssd") }),
    );
    expect(refused.code).toBe(403);
    expect(refused.message).toContain('storage class "fast-ssd" is not allowed in this workspace');
    // The default class is filled in by admission before the policy runs, and is allowed.
    await expect(
      core.createNamespacedPersistentVolumeClaim({ namespace, body: claim("default") }),
    ).resolves.toBeDefined();
  });
});

async function adminCreateRuntimeClass(name: string) {
  const node = adminApi(k8s.NodeV1Api);
  await node.createRuntimeClass({ body: { metadata: { name }, handler: "runc" } }).catch((error: unknown) => {
    if (!isConflict(error)) throw error;
  });
}
