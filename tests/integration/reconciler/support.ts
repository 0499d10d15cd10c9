import * as k8s from "@kubernetes/client-node";
import { expect } from "vitest";
import { db } from "@/lib/db/client";
import { parseQuantity } from "@/lib/kube/quantity";
import { adminApi } from "@/lib/kube/client";
import { memberRoleBindingName, QUOTA_NAME } from "@/lib/tenancy/kube-names";
import { workspaceBundle } from "@/lib/tenancy/workspace-bundle";
import { teamWorkspace } from "../../support/factories";

export const core = adminApi(k8s.CoreV1Api);
export const rbac = adminApi(k8s.RbacAuthorizationV1Api);
export const networking = adminApi(k8s.NetworkingV1Api);

export const INGRESS_POLICY = "canopy-same-namespace-ingress";
export const ENFORCE_LABEL = "pod-security.kubernetes.io/enforce";

/** A provisioned team workspace with its plan, namespace and owner's membership id. */
export async function provisionedWorkspace() {
  const { workspace, namespace, ownerMembership } = await teamWorkspace({ prefix: "rec" });
  expect(workspace.status).toBe("READY");
  const plan = await db().plan.findUniqueOrThrow({ where: { id: workspace.planId } });
  return { workspace: { ...workspace, plan }, namespace, membershipId: ownerMembership.id };
}

type Provisioned = Awaited<ReturnType<typeof provisionedWorkspace>>;

/** As an administrator would, by hand: each edit goes around Canopy. */
export async function tamper({ namespace, membershipId }: Provisioned): Promise<void> {
  await networking.deleteNamespacedNetworkPolicy({ name: INGRESS_POLICY, namespace });

  const quota = await core.readNamespacedResourceQuota({ name: QUOTA_NAME, namespace });
  quota.spec!.hard = { ...quota.spec!.hard, "requests.cpu": "64", pods: "1000" };
  await core.replaceNamespacedResourceQuota({ name: QUOTA_NAME, namespace, body: quota });

  await rbac.deleteNamespacedRoleBinding({ name: memberRoleBindingName(membershipId), namespace });

  const ns = await core.readNamespace({ name: namespace });
  ns.metadata!.labels = { ...ns.metadata!.labels, [ENFORCE_LABEL]: "privileged" };
  await core.replaceNamespace({ name: namespace, body: ns });
}

function hardOf(quota: k8s.V1ResourceQuota): Record<string, number> {
  return Object.fromEntries(Object.entries(quota.spec?.hard ?? {}).map(([k, v]) => [k, parseQuantity(v)]));
}

/**
 * Undefined until every tampered object is back to the bundle's values (for eventually());
 * throws from the first assertion that fails when `strict`.
 */
export async function matchesBundle(
  { workspace, namespace, membershipId }: Provisioned,
  strict = true,
): Promise<true | undefined> {
  const bundle = workspaceBundle({
    workspaceId: workspace.id,
    namespace,
    plan: workspace.plan,
    members: [{ membershipId, role: "OWNER" }],
    publicHosts: [],
    held: false,
  });
  const wanted = <T extends k8s.KubernetesObject>(kind: string, name: string) =>
    bundle.find((o) => o.kind === kind && o.metadata?.name === name) as T;
  try {
    const policy = await networking.readNamespacedNetworkPolicy({ name: INGRESS_POLICY, namespace });
    expect(policy.spec).toEqual(wanted<k8s.V1NetworkPolicy>("NetworkPolicy", INGRESS_POLICY).spec);

    const quota = await core.readNamespacedResourceQuota({ name: QUOTA_NAME, namespace });
    expect(hardOf(quota)).toEqual(hardOf(wanted<k8s.V1ResourceQuota>("ResourceQuota", QUOTA_NAME)));

    const bindingName = memberRoleBindingName(membershipId);
    const binding = await rbac.readNamespacedRoleBinding({ name: bindingName, namespace });
    const wantedBinding = wanted<k8s.V1RoleBinding>("RoleBinding", bindingName);
    expect(binding.roleRef).toEqual(wantedBinding.roleRef);
    expect(binding.subjects).toEqual(wantedBinding.subjects);

    const ns = await core.readNamespace({ name: namespace });
    expect(ns.metadata?.labels).toMatchObject(wanted("Namespace", namespace).metadata!.labels!);
    expect(ns.metadata?.labels?.[ENFORCE_LABEL]).toBe("restricted");
    return true;
  } catch (error) {
    if (strict) throw error;
    return undefined;
  }
}
