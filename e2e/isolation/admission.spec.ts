import * as k8s from "@kubernetes/client-node";
import { expect, test } from "@playwright/test";
import { adminApi } from "@/lib/kube/client";
import { isConflict } from "@/lib/kube/status";
import { apiPath, MERGE_PATCH, type MemberKube } from "./fixtures/kube";
import { compliantPod } from "./fixtures/pods";
import { expectAllowed } from "./fixtures/refusals";
import {
  addMembers,
  downloadKubeconfig,
  openPortal,
  removeWorkspaces,
  teamWorkspace,
  type Portal,
  type TestWorkspace,
} from "./fixtures/workspaces";
import { expectRefusedByPolicy as refusedByPolicy } from "./limit-fixtures";

// What Pod Security does not cover, enforced by the workspace ValidatingAdmissionPolicies
// (lib/tenancy/admission-policies.ts): no Service reachable from outside the cluster
// network, and only the plan's runtime and storage classes. A developer's kubeconfig.

test.describe.configure({ mode: "serial" });

// Real classes that exist on the cluster but are not on the plan's allow-list.
const UNLISTED = "canopy-isolation-unlisted";

async function ignoreConflict(call: Promise<unknown>): Promise<void> {
  await call.catch((error: unknown) => {
    if (!isConflict(error)) throw error;
  });
}

function service(name: string, spec: Record<string, unknown> = {}) {
  return { apiVersion: "v1", kind: "Service", metadata: { name }, spec: { ports: [{ port: 80 }], ...spec } };
}

function claim(name: string, storageClassName?: string) {
  return {
    apiVersion: "v1",
    kind: "PersistentVolumeClaim",
    metadata: { name },
    spec: {
      ...(storageClassName ? { storageClassName } : {}),
      accessModes: ["ReadWriteOnce"],
      resources: { requests: { storage: "1Gi" } },
    },
  };
}

test.describe("workspace admission policies", () => {
  let portal: Portal;
  let workspace: TestWorkspace;
  let kube: MemberKube;
  let services: string;

  test.beforeAll(async ({ playwright }, testInfo) => {
    portal = await openPortal(playwright, testInfo);
    await ignoreConflict(
      adminApi(k8s.NodeV1Api).createRuntimeClass({ body: { metadata: { name: UNLISTED }, handler: "runc" } }),
    );
    await ignoreConflict(
      adminApi(k8s.StorageV1Api).createStorageClass({
        body: {
          metadata: { name: UNLISTED },
          provisioner: "kubernetes.io/no-provisioner",
          volumeBindingMode: "WaitForFirstConsumer",
        },
      }),
    );
    workspace = await teamWorkspace(portal, "iso-adm");
    const [developer] = await addMembers(portal, workspace, ["DEVELOPER"]);
    ({ kube } = await downloadKubeconfig(portal, workspace.slug, developer!));
    services = apiPath("", "services", { namespace: workspace.namespace });
  });

  test.afterAll(async () => {
    await removeWorkspaces([workspace]);
    await portal?.api.dispose();
  });

  test("NodePort and LoadBalancer Services and externalIPs are refused; a ClusterIP Service is created", async () => {
    for (const type of ["NodePort", "LoadBalancer"]) {
      const response = await kube.request("POST", services, service(type.toLowerCase(), { type }));
      refusedByPolicy(
        response,
        "canopy-workspace-services",
        `Services of type ${type} are not allowed in a Canopy workspace`,
        `create a ${type} Service`,
      );
    }
    const external = await kube.request("POST", services, service("external", { externalIPs: ["203.0.113.9"] }));
    refusedByPolicy(external, "canopy-workspace-services", "externalIPs are not allowed", "create with externalIPs");

    const created = await kube.request("POST", services, service("internal"));
    expectAllowed(created, "create a ClusterIP Service");
    expect((created.body as { spec?: { type?: string } }).spec?.type).toBe("ClusterIP");
  });

  test("an existing ClusterIP Service cannot be changed into an exposed one", async () => {
    const internal = apiPath("", "services", { namespace: workspace.namespace, name: "internal" });
    const toNodePort = await kube.request("PATCH", internal, { spec: { type: "NodePort" } }, MERGE_PATCH);
    refusedByPolicy(
      toNodePort,
      "canopy-workspace-services",
      "Services of type NodePort are not allowed in a Canopy workspace",
      "patch to NodePort",
    );
    const withExternal = await kube.request("PATCH", internal, { spec: { externalIPs: ["203.0.113.9"] } }, MERGE_PATCH);
    refusedByPolicy(withExternal, "canopy-workspace-services", "externalIPs are not allowed", "patch in externalIPs");
    // Positive control: an ordinary change to the same Service is accepted.
    const relabel = { metadata: { labels: { tier: "web" } } };
    expectAllowed(await kube.request("PATCH", internal, relabel, MERGE_PATCH), "relabel the Service");
  });

  test("a runtime class outside the plan's allow-list is refused; gvisor is allowed", async () => {
    const pods = apiPath("", "pods", { namespace: workspace.namespace });
    const unlisted = { ...compliantPod("unlisted") };
    unlisted.spec = { ...unlisted.spec!, runtimeClassName: UNLISTED };
    refusedByPolicy(
      await kube.request("POST", pods, unlisted),
      "canopy-workspace-runtime-classes",
      `runtime class "${UNLISTED}" is not allowed in this workspace`,
      "a pod with an unlisted runtime class",
    );
    const unset = { ...compliantPod("unset") };
    unset.spec = { ...unset.spec!, runtimeClassName: undefined };
    refusedByPolicy(
      await kube.request("POST", pods, unset),
      "canopy-workspace-runtime-classes",
      "runtime class must be set",
      "a pod without a runtime class (the node's default runtime)",
    );
    expectAllowed(await kube.request("POST", pods, compliantPod("sandboxed")), "a gvisor pod");
  });

  test("a storage class outside the plan's allow-list is refused; the default class is allowed", async () => {
    const claims = apiPath("", "persistentvolumeclaims", { namespace: workspace.namespace });
    refusedByPolicy(
      await kube.request("POST", claims, claim("unlisted", UNLISTED)),
      "canopy-workspace-storage-classes",
      `storage class "${UNLISTED}" is not allowed in this workspace`,
      "a claim with an unlisted storage class",
    );
    // The default class is filled in by admission before the policy runs.
    const defaulted = await kube.request("POST", claims, claim("defaulted"));
    expectAllowed(defaulted, "a claim without a class");
    expect((defaulted.body as { spec?: { storageClassName?: string } }).spec?.storageClassName).toBe("standard");
    expectAllowed(
      await kube.request("POST", claims, claim("explicit", "standard")),
      "a claim naming the default class",
    );
  });
});
