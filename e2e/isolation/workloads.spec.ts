import * as k8s from "@kubernetes/client-node";
import { expect, test } from "@playwright/test";
import { adminApi } from "@/lib/kube/client";
import { parseQuantity } from "@/lib/kube/quantity";
import { QUOTA_NAME } from "@/lib/tenancy/kube-names";
import { apiPath, STRATEGIC_MERGE_PATCH, type KubeResponse, type MemberKube } from "./fixtures/kube";
import { compliantPod, waitForRunning } from "./fixtures/pods";
import { expectAllowed, expectRefused } from "./fixtures/refusals";
import {
  addMembers,
  downloadKubeconfig,
  openPortal,
  removeWorkspaces,
  teamWorkspace,
  type Portal,
  type TestWorkspace,
} from "./fixtures/workspaces";
import { expectOverQuota, expectRefusedByPolicy, moveToPlan, removePlans } from "./limit-fixtures";

// What a pod may take from a shared node and a shared etcd (lib/tenancy/pod-policies.ts and
// the quota in lib/tenancy/workspace-bundle.ts): scheduling priority, extended resources,
// images from the node's cache, scratch disk, Secrets and ConfigMaps. A developer's
// kubeconfig; the limits that come from the plan are also tried on a plan that grants them,
// and the counted ones with concurrent requests. Pods that only need admitting use the
// plan's `kata` class, which no node here runs: admitted, never started.

test.describe.configure({ mode: "serial" });

const HIGH = "canopy-isolation-high";
const PRIORITY_POLICY = "canopy-workspace-priority-classes";
const RESOURCES_POLICY = "canopy-workspace-pod-resources";
const PULL_POLICY = "canopy-workspace-image-pull";

/** A compliant pod that is admitted but never started, with `change` applied to its spec and container. */
function parkedPod(
  name: string,
  change: { spec?: Partial<k8s.V1PodSpec>; container?: Partial<k8s.V1Container> } = {},
): k8s.V1Pod {
  const pod = compliantPod(name);
  return {
    ...pod,
    spec: {
      ...pod.spec!,
      runtimeClassName: "kata",
      containers: [{ ...pod.spec!.containers[0]!, ...change.container }],
      ...change.spec,
    },
  };
}

test.describe("what a workspace's pods may take from the cluster", () => {
  let portal: Portal;
  let workspace: TestWorkspace;
  let granted: TestWorkspace;
  let kube: MemberKube;
  let grantedKube: MemberKube;
  const plans: string[] = [];
  const pods = (ws: TestWorkspace) => apiPath("", "pods", { namespace: ws.namespace });

  test.beforeAll(async ({ playwright }, testInfo) => {
    test.setTimeout(120_000);
    portal = await openPortal(playwright, testInfo);
    await adminApi(k8s.SchedulingV1Api)
      .createPriorityClass({ body: { metadata: { name: HIGH }, value: 1000 } })
      .catch((error: unknown) => {
        if (!(error instanceof k8s.ApiException && error.code === 409)) throw error;
      });
    workspace = await teamWorkspace(portal, "iso-wl");
    granted = await teamWorkspace(portal, "iso-wl-plan");
    // The plan grants one priority class and one extended resource, and little disk and etcd.
    plans.push(
      await moveToPlan(granted, {
        allowedPriorityClasses: [HIGH],
        extendedResources: ["example.com/gpu=1"],
        ephemeralStorageGiB: 2,
        defaultEphemeralStorageMiB: 512,
        maxSecrets: 3,
        maxConfigMaps: 3,
      }),
    );
    const [developer] = await addMembers(portal, workspace, ["DEVELOPER"]);
    const [grantedDeveloper] = await addMembers(portal, granted, ["DEVELOPER"]);
    ({ kube } = await downloadKubeconfig(portal, workspace.slug, developer!));
    ({ kube: grantedKube } = await downloadKubeconfig(portal, granted.slug, grantedDeveloper!));
  });

  test.afterAll(async () => {
    await removeWorkspaces([workspace, granted]);
    await removePlans(plans);
    await portal?.api.dispose();
  });

  test("no priority class the plan does not grant: the system classes and any other are refused", async () => {
    for (const priorityClassName of ["system-node-critical", "system-cluster-critical", HIGH]) {
      const response = await kube.request("POST", pods(workspace), parkedPod("prio", { spec: { priorityClassName } }));
      expectRefusedByPolicy(
        response,
        PRIORITY_POLICY,
        `priority class "${priorityClassName}" is not allowed in this workspace (allowed: none)`,
        `a pod of priority class ${priorityClassName}`,
      );
    }
    expectAllowed(await kube.request("POST", pods(workspace), parkedPod("no-prio")), "a pod without a priority class");

    // A plan that grants a class: that one is admitted, the system classes still are not.
    expectAllowed(
      await grantedKube.request("POST", pods(granted), parkedPod("prio", { spec: { priorityClassName: HIGH } })),
      "a pod of the granted class",
    );
    const system = await grantedKube.request(
      "POST",
      pods(granted),
      parkedPod("prio-system", { spec: { priorityClassName: "system-node-critical" } }),
    );
    expectRefusedByPolicy(
      system,
      PRIORITY_POLICY,
      `priority class "system-node-critical" is not allowed in this workspace (allowed: ${HIGH})`,
      "system-node-critical on the granting plan",
    );
  });

  test("no extended resources (GPUs) or devices the plan does not grant; the granted ones are counted", async () => {
    const gpu = (name: string, resource: string) =>
      parkedPod(name, { container: { resources: { limits: { [resource]: "1" } } } });
    expectRefusedByPolicy(
      await kube.request("POST", pods(workspace), gpu("gpu", "nvidia.com/gpu")),
      RESOURCES_POLICY,
      "resources not granted to this workspace: nvidia.com/gpu (containers may ask for cpu, memory, ephemeral-storage)",
      "a container asking for a GPU",
    );
    const claims = await kube.request(
      "POST",
      pods(workspace),
      parkedPod("dra", { spec: { resourceClaims: [{ name: "gpu", resourceClaimTemplateName: "gpu" }] } }),
    );
    expectRefusedByPolicy(claims, RESOURCES_POLICY, "resource claims (dynamic resource allocation)", "a DRA claim");
    expectAllowed(await kube.request("POST", pods(workspace), parkedPod("cpu-only")), "a pod asking for CPU only");

    // The granting plan: its resource is admitted up to the plan's count, another is not.
    expectAllowed(await grantedKube.request("POST", pods(granted), gpu("gpu-1", "example.com/gpu")), "granted GPU");
    expectOverQuota(
      await grantedKube.request("POST", pods(granted), gpu("gpu-2", "example.com/gpu")),
      "requests.example.com/gpu",
      "a second granted GPU",
    );
    expectRefusedByPolicy(
      await grantedKube.request("POST", pods(granted), gpu("gpu-3", "nvidia.com/gpu")),
      RESOURCES_POLICY,
      "resources not granted to this workspace: nvidia.com/gpu (containers may ask for cpu, memory, ephemeral-storage, example.com/gpu)",
      "another GPU kind on the granting plan",
    );
  });

  test("images are never taken from the node's cache: imagePullPolicy must be Always", async () => {
    const cases: [string, Partial<k8s.V1Container>, string][] = [
      ["IfNotPresent", { imagePullPolicy: "IfNotPresent" }, "IfNotPresent"],
      ["Never", { imagePullPolicy: "Never" }, "Never"],
      // A tagged image without a policy is defaulted to IfNotPresent before admission.
      ["left out", { imagePullPolicy: undefined }, "IfNotPresent"],
    ];
    for (const [what, container, seen] of cases) {
      expectRefusedByPolicy(
        await kube.request("POST", pods(workspace), parkedPod("cached", { container })),
        PULL_POLICY,
        `imagePullPolicy must be Always in a Canopy workspace (container "app" has ${seen})`,
        `imagePullPolicy ${what}`,
      );
    }
    const init = await kube.request(
      "POST",
      pods(workspace),
      parkedPod("cached-init", {
        spec: {
          initContainers: [{ ...compliantPod("x").spec!.containers[0]!, name: "init", imagePullPolicy: "Never" }],
        },
      }),
    );
    expectRefusedByPolicy(
      init,
      PULL_POLICY,
      `imagePullPolicy must be Always in a Canopy workspace (container "init" has Never)`,
      "an init container with Never",
    );

    // An ephemeral container added to a running pod, as kubectl debug does.
    expectAllowed(await kube.request("POST", pods(workspace), compliantPod("running")), "a pod pulled Always");
    await waitForRunning(kube, "running");
    const debug = (imagePullPolicy: string) => ({
      spec: {
        ephemeralContainers: [
          {
            ...compliantPod("x").spec!.containers[0]!,
            name: `debug-${imagePullPolicy.toLowerCase()}`,
            imagePullPolicy,
          },
        ],
      },
    });
    const ephemeral = apiPath("", "pods", {
      namespace: workspace.namespace,
      name: "running",
      subresource: "ephemeralcontainers",
    });
    expectRefusedByPolicy(
      await kube.request("PATCH", ephemeral, debug("IfNotPresent"), STRATEGIC_MERGE_PATCH),
      PULL_POLICY,
      `imagePullPolicy must be Always in a Canopy workspace (container "debug-ifnotpresent" has IfNotPresent)`,
      "an ephemeral container from the cache",
    );
    expectAllowed(
      await kube.request("PATCH", ephemeral, debug("Always"), STRATEGIC_MERGE_PATCH),
      "an ephemeral container pulled Always",
    );
  });

  test("scratch disk is bounded: a default per container, a maximum, and the plan's total", async () => {
    const created = await kube.request("POST", pods(workspace), parkedPod("defaults"));
    expectAllowed(created, "a pod without ephemeral-storage");
    const resources = (created.body as k8s.V1Pod).spec?.containers[0]?.resources;
    expect(resources?.requests?.["ephemeral-storage"]).toBe("512Mi");
    expect(resources?.limits?.["ephemeral-storage"]).toBe("512Mi");

    const huge = parkedPod("huge", { container: { resources: { limits: { "ephemeral-storage": "60Gi" } } } });
    expectRefused(
      await kube.request("POST", pods(workspace), huge),
      { code: 403, reason: "Forbidden", message: ["maximum ephemeral-storage usage per Container is 50Gi"] },
      "a container asking for more disk than the plan",
    );

    // Concurrent pods on a 2 GiB plan: exactly as many as fit are admitted.
    await raceForQuota(grantedKube, granted, "limits.ephemeral-storage", 512 * 2 ** 20, 8, (i) =>
      grantedKube.request("POST", pods(granted), parkedPod(`disk-${i}`)),
    );
  });

  test("Secrets and ConfigMaps are counted (etcd is shared): concurrent creates stop exactly at the plan's count", async () => {
    const object = (kind: "Secret" | "ConfigMap", name: string) => ({
      apiVersion: "v1",
      kind,
      metadata: { name },
      ...(kind === "Secret" ? { type: "Opaque" } : {}),
      data: { value: Buffer.from("x").toString("base64") },
    });
    await raceForQuota(grantedKube, granted, "secrets", 1, 10, (i) =>
      grantedKube.request(
        "POST",
        apiPath("", "secrets", { namespace: granted.namespace }),
        object("Secret", `secret-${i}`),
      ),
    );
    await raceForQuota(grantedKube, granted, "configmaps", 1, 10, (i) =>
      grantedKube.request("POST", apiPath("", "configmaps", { namespace: granted.namespace }), {
        ...object("ConfigMap", `config-${i}`),
        data: { value: "x" },
      }),
    );
  });
});

/**
 * Sends `attempts` creates at once and checks that exactly as many as the quota has room
 * for (`key`'s hard − used, in units of `each`) got through, and that the rest were refused
 * by the quota.
 */
async function raceForQuota(
  kube: MemberKube,
  workspace: TestWorkspace,
  key: string,
  each: number,
  attempts: number,
  create: (i: number) => Promise<KubeResponse>,
): Promise<void> {
  const quota = await adminApi(k8s.CoreV1Api).readNamespacedResourceQuota({
    name: QUOTA_NAME,
    namespace: workspace.namespace,
  });
  expect(quota.status?.hard?.[key], `the quota counts ${key}`).toBeDefined();
  const room = Math.floor(
    (parseQuantity(quota.status!.hard![key]!) - parseQuantity(quota.status!.used?.[key] ?? "0")) / each,
  );
  expect(room, `room left for ${key}`).toBeGreaterThan(0);
  expect(room, `room left for ${key}`).toBeLessThan(attempts);
  const responses = await Promise.all(Array.from({ length: attempts }, (_, i) => create(i)));
  const admitted = responses.filter((r) => r.status === 201);
  const refused = responses.filter((r) => r.status !== 201);
  expect(admitted.length, `${kube.username}: ${key} creates admitted`).toBe(room);
  for (const response of refused) expectOverQuota(response, key, `a ${key} create over the quota`);
}
