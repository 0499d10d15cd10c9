import * as k8s from "@kubernetes/client-node";
import { expect, test } from "@playwright/test";
import { db } from "@/lib/db/client";
import { adminApi } from "@/lib/kube/client";
import { parseQuantity } from "@/lib/kube/quantity";
import { effectiveLimits } from "@/lib/quotas/effective-limits";
import { createEnvironment } from "@/lib/environments/create-environment";
import { setEnvironmentRole } from "@/lib/environments/environment-roles";
import { moveQuota, moveQuotaInput } from "@/lib/environments/move-quota";
import { signedInAs } from "../../tests/support/factories";
import { eventually } from "../../tests/support/kube";
import { sandboxedPod, stackImage } from "../../tests/support/real-node";
import { connects, fetchFrom, startPod } from "./pod-network";
import { apiPath, MemberKube } from "./fixtures/kube";
import { expectAllowed, expectForbiddenByRbac } from "./fixtures/refusals";
import {
  addMembers,
  kubeconfigRoute,
  openPortal,
  removeWorkspaces,
  teamWorkspace,
  type IssuedKubeconfigJson,
  type Member,
  type Person,
  type Portal,
  type TestWorkspace,
} from "./fixtures/workspaces";

// A second environment (prod) of workspace A, on the real node: its own namespace with the
// whole bundle. What crosses between A's environments follows the member's roles (a
// developer who is a viewer in prod is refused by RBAC there, with either environment's
// kubeconfig) and nothing else (the network policies keep each environment's pods to
// themselves); workspace B still reaches neither. Each refusal has a positive control.

test.describe.configure({ mode: "serial" });

let portal: Portal;
let a: TestWorkspace | undefined;
let b: TestWorkspace | undefined;
let developer: Member;
let prodNamespace: string;
const kube: Record<string, MemberKube> = {};
const ip: Record<string, string> = {};

/** A kubeconfig for one environment, through the portal's route (`?env=`), as the browser downloads it. */
async function kubeconfigFor(slug: string, person: Person, environment?: string): Promise<MemberKube> {
  const query = environment ? `?env=${environment}` : "";
  const response = await portal.api.post(`${kubeconfigRoute(slug)}${query}`, {
    headers: { cookie: person.cookie },
    data: { label: "isolation suite", lifetimeHours: 1 },
  });
  expect(response.status(), await response.text()).toBe(200);
  return MemberKube.fromKubeconfig(((await response.json()) as IssuedKubeconfigJson).kubeconfig);
}

test.beforeAll(async ({ playwright }, testInfo) => {
  test.setTimeout(300_000);
  portal = await openPortal(playwright, testInfo);
  a = await teamWorkspace(portal, "envs-a");
  b = await teamWorkspace(portal, "envs-b");
  const owner = await signedInAs(a.owner.userId, a.slug, "environment.manage");
  prodNamespace = (await createEnvironment(owner, { name: "prod", displayName: "Production" })).namespace;
  await moveQuota(
    owner,
    moveQuotaInput.parse({ from: "default", to: "prod", cpu: "2", memory: "4", pods: "10", services: "5" }),
  );
  developer = (await addMembers(portal, a, ["DEVELOPER"]))[0]!;
  await setEnvironmentRole(owner, { environment: "prod", membershipId: developer.membershipId, role: "VIEWER" });
  await eventually(`default ServiceAccount in ${prodNamespace}`, () =>
    adminApi(k8s.CoreV1Api).readNamespacedServiceAccount({ name: "default", namespace: prodNamespace }),
  );

  kube.ownerProd = await kubeconfigFor(a.slug, a.owner, "prod");
  kube.ownerDefault = await kubeconfigFor(a.slug, a.owner);
  kube.devProd = await kubeconfigFor(a.slug, developer!, "prod");
  kube.devDefault = await kubeconfigFor(a.slug, developer);
  kube.b = await kubeconfigFor(b.slug, b.owner);
  expect(kube.ownerProd.namespace).toBe(prodNamespace);
  expect(kube.ownerDefault.namespace).toBe(a.namespace);

  const web = () => sandboxedPod("web", stackImage("web:1"), { labels: { app: "web" }, port: 8080 });
  const client = () => sandboxedPod("client", stackImage("shell:1"));
  const [webProd, clientProd, webDefault, webB, clientB] = await Promise.all([
    startPod(kube.ownerProd!, web()),
    startPod(kube.ownerProd!, client()),
    startPod(kube.ownerDefault!, web()),
    startPod(kube.b!, web()),
    startPod(kube.b!, client()),
  ]);
  Object.assign(ip, { webProd, clientProd, webDefault, webB, clientB });
});

test.afterAll(async () => {
  await removeWorkspaces([a, b]);
});

test("a developer who is a viewer in prod is refused by RBAC there, with either kubeconfig, and builds in the default environment", async () => {
  const configMap = (name: string) => ({ apiVersion: "v1", kind: "ConfigMap", metadata: { name }, data: { a: "b" } });
  const inProd = apiPath("", "configmaps", { namespace: prodNamespace });
  const inDefault = apiPath("", "configmaps", { namespace: a!.namespace });
  // Positive controls: the developer builds in the default environment and reads prod.
  expectAllowed(await kube.devDefault!.request("POST", inDefault, configMap("dev-ok")), "configmap in default");
  expectAllowed(
    await kube.devProd!.request("GET", apiPath("", "pods", { namespace: prodNamespace })),
    "read prod",
    [200],
  );
  const request = { verb: "create", resource: "configmaps", group: "", namespace: prodNamespace };
  expectForbiddenByRbac(
    await kube.devProd!.request("POST", inProd, configMap("dev-no")),
    kube.devProd!,
    request,
    "configmap in prod with prod's kubeconfig",
  );
  expectForbiddenByRbac(
    await kube.devDefault!.request("POST", inProd, configMap("dev-no")),
    kube.devDefault!,
    request,
    "configmap in prod with the default environment's kubeconfig",
  );
  // The owner (no lowering) builds in prod: the refusal is the developer's role there.
  expectAllowed(await kube.ownerProd!.request("POST", inProd, configMap("owner-ok")), "owner's configmap in prod");
});

test("prod's pods reach prod, not the default environment's pods, and B reaches neither", async () => {
  test.setTimeout(240_000);
  // Positive controls: each client reaches a web pod of its own namespace.
  await expect
    .poll(() => fetchFrom(kube.ownerProd!, "client", `http://${ip.webProd}:8080/`), { timeout: 90_000 })
    .toContain("web");
  await expect
    .poll(() => fetchFrom(kube.b!, "client", `http://${ip.webB}:8080/`), { timeout: 90_000 })
    .toContain("web");

  expect(await connects(kube.ownerProd!, "client", ip.webDefault!, 8080), "A prod → A default").toBe(false);
  expect(await connects(kube.b!, "client", ip.webProd!, 8080), "B → A prod").toBe(false);
  expect(await connects(kube.b!, "client", ip.webDefault!, 8080), "B → A default").toBe(false);
  expect(await connects(kube.b!, "client", ip.webB!, 8080), "B → B (control)").toBe(true);
});

test("prod's ResourceQuota is its slice, and the default environment has the rest", async () => {
  const core = adminApi(k8s.CoreV1Api);
  const prod = await core.readNamespacedResourceQuota({ name: "canopy-quota", namespace: prodNamespace });
  const rest = await core.readNamespacedResourceQuota({ name: "canopy-quota", namespace: a!.namespace });
  expect(prod.spec?.hard).toMatchObject({ "requests.cpu": "2", "limits.memory": "4Gi", pods: "10", services: "5" });
  // The rest of the workspace's limits (its plan as the operator has it now, with any override).
  const row = await db().workspace.findUniqueOrThrow({
    where: { slug: a!.slug },
    include: { plan: true, quotaOverride: true },
  });
  const limits = effectiveLimits(row.plan, row.quotaOverride);
  const hard = rest.spec!.hard!;
  expect(parseQuantity(hard["requests.cpu"]!)).toBe(limits.cpuMillis / 1000 - 2);
  expect(parseQuantity(hard["limits.memory"]!)).toBe((limits.memoryMiB - 4 * 1024) * 2 ** 20);
  expect(Number(hard.pods)).toBe(limits.maxPods - 10);
  expect(Number(hard.services)).toBe(limits.maxServices - 5);
});
