import { randomBytes } from "node:crypto";
import * as k8s from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serverSideApply } from "@/lib/kube/apply";
import { adminApi, adminKubeConfig, adminObjectApi } from "@/lib/kube/client";
import { statusOf } from "@/lib/kube/status";
import { KUBE_ROLE_RULES } from "@/lib/tenancy/kube-roles";
import { ADMISSION_POLICY_OBJECTS } from "@/lib/tenancy/admission-policies";
import { MEMBERS_NAMESPACE } from "@/lib/tenancy/kube-names";
import { renderChart } from "../../support/helm";

// The chart's ClusterRole against the real API server's RBAC (docs/permissions.md): what
// Canopy's identity needs is allowed, the escalation rule holds (a Role or binding beyond
// what it holds is refused unless it is one of the four tenant Roles), and what it must not
// do is refused. Each refusal has its positive control.

const RELEASE = `canopy-chart-${randomBytes(3).toString("hex")}`;
const rbacObjects = renderChart([], undefined, { release: RELEASE, namespace: "default" }).objects.filter((o) =>
  ["ServiceAccount", "ClusterRole", "ClusterRoleBinding", "Role", "RoleBinding"].includes(o.kind!),
);
let identity: k8s.KubeConfig;
const namespace = `chart-lp-${randomBytes(4).toString("hex")}`;

async function refusal(call: Promise<unknown>): Promise<number | undefined> {
  return call.then(
    () => 200,
    (error: unknown) => statusOf(error)?.code,
  );
}

const apply = (object: k8s.KubernetesObject, dryRun?: string) =>
  k8s.KubernetesObjectApi.makeApiClient(identity).patch(
    object,
    undefined,
    dryRun,
    "canopy",
    true,
    k8s.PatchStrategy.ServerSideApply,
  );

const role = (name: string): k8s.V1Role => ({
  apiVersion: "rbac.authorization.k8s.io/v1",
  kind: "Role",
  metadata: { name, namespace },
  rules: KUBE_ROLE_RULES.DEVELOPER,
});

const binding = (name: string, roleRef: k8s.V1RoleRef): k8s.V1RoleBinding => ({
  apiVersion: "rbac.authorization.k8s.io/v1",
  kind: "RoleBinding",
  metadata: { name, namespace },
  roleRef,
  subjects: [{ kind: "ServiceAccount", name: "member-test", namespace: MEMBERS_NAMESPACE }],
});

beforeAll(async () => {
  expect(rbacObjects.map((o) => o.kind).sort()).toEqual([
    "ClusterRole",
    "ClusterRoleBinding",
    "Role",
    "Role",
    "RoleBinding",
    "RoleBinding",
    "ServiceAccount",
  ]);
  // The members' namespace exists wherever the portal ran; make it where it did not.
  await adminApi(k8s.CoreV1Api)
    .createNamespace({ body: { metadata: { name: MEMBERS_NAMESPACE } } })
    .catch((error: unknown) => expect(statusOf(error)?.code).toBe(409));
  await serverSideApply(adminObjectApi(), rbacObjects);
  const token = await adminApi(k8s.CoreV1Api).createNamespacedServiceAccountToken({
    name: RELEASE,
    namespace: "default",
    body: { spec: { audiences: [], expirationSeconds: 3600 } },
  });
  const admin = adminKubeConfig();
  identity = new k8s.KubeConfig();
  identity.loadFromOptions({
    clusters: [admin.getCurrentCluster()!],
    users: [{ name: RELEASE, token: token.status!.token }],
    contexts: [{ name: RELEASE, cluster: admin.getCurrentCluster()!.name, user: RELEASE }],
    currentContext: RELEASE,
  });
  // The identity makes the workspace-like namespace itself, as the portal does.
  await identity.makeApiClient(k8s.CoreV1Api).createNamespace({ body: { metadata: { name: namespace } } });
});

afterAll(async () => {
  await adminApi(k8s.CoreV1Api)
    .deleteNamespace({ name: namespace })
    .catch(() => undefined);
  for (const object of rbacObjects.reverse())
    await adminObjectApi()
      .delete(object)
      .catch(() => undefined);
});

describe("Canopy's identity under the chart's ClusterRole", () => {
  it("may write a tenant Role it does not hold only under the four tenant names", async () => {
    expect(await refusal(apply(role("canopy-developer")))).toBe(200);
    expect(await refusal(apply(role("developer-copy")))).toBe(403);
  });

  it("may bind only the tenant Roles", async () => {
    await apply(role("canopy-viewer"));
    expect(
      await refusal(
        apply(binding("member-viewer", { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: "canopy-viewer" })),
      ),
    ).toBe(200);
    expect(
      await refusal(
        apply(binding("member-admin", { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "admin" })),
      ),
    ).toBe(403);
  });

  it("impersonates ServiceAccounts of the members' namespace only", async () => {
    const as = (user: string) => {
      const kc = new k8s.KubeConfig();
      kc.loadFromOptions({
        clusters: identity.clusters,
        users: [{ ...identity.getCurrentUser()!, impersonateUser: user }],
        contexts: identity.contexts,
        currentContext: identity.currentContext,
      });
      return kc.makeApiClient(k8s.VersionApi).getCode();
    };
    expect(await refusal(as(`system:serviceaccount:${MEMBERS_NAMESPACE}:member-test`))).toBe(200);
    expect(await refusal(as("system:serviceaccount:kube-system:default"))).toBe(403);
    expect(await refusal(as("admin"))).toBe(403);
  });

  it("reads no Secret outside the members' namespace, and none of a tenant's", async () => {
    const core = identity.makeApiClient(k8s.CoreV1Api);
    expect(await refusal(core.listNamespacedSecret({ namespace: MEMBERS_NAMESPACE, limit: 1 }))).toBe(200);
    expect(await refusal(core.listNamespacedSecret({ namespace: "kube-system", limit: 1 }))).toBe(403);
    expect(await refusal(core.listNamespacedSecret({ namespace, limit: 1 }))).toBe(403);
  });

  it("applies the platform's admission policies by name, and no other", async () => {
    const policy = ADMISSION_POLICY_OBJECTS.find((o) => o.kind === "ValidatingAdmissionPolicy")!;
    expect(await refusal(apply(policy, "All"))).toBe(200);
    const other = { ...policy, metadata: { name: `${RELEASE}-other` } };
    expect(await refusal(apply(other, "All"))).toBe(403);
  });
});
