import * as k8s from "@kubernetes/client-node";
import { adminApi } from "@/lib/kube/client";
import { parseQuantity } from "@/lib/kube/quantity";
import {
  INSTANCE_LABEL,
  canopyInstance,
  MANAGED_BY,
  MANAGED_BY_LABEL,
  MEMBERS_NAMESPACE,
  MEMBERSHIP_ID_LABEL,
  WORKSPACE_ID_LABEL,
} from "@/lib/tenancy/kube-names";
import { RETIRED_NETWORK_POLICIES } from "@/lib/tenancy/network-policies";

// What Canopy's objects on the cluster look like, read with a handful of label-selected
// list calls for all workspaces at once, and how far one workspace's objects are from its
// bundle. The reconciler uses this to re-apply only workspaces that drifted.

export interface ObservedObject {
  kind: string;
  name: string;
  namespace?: string;
  workspaceId: string;
  membershipId?: string;
  terminating: boolean;
  object: k8s.KubernetesObject;
}

/** Only this installation's objects: another one sharing the cluster keeps its own. */
export const managedSelector = () =>
  `${MANAGED_BY_LABEL}=${MANAGED_BY},${INSTANCE_LABEL}=${canopyInstance()},${WORKSPACE_ID_LABEL}`;

/** Every object Canopy manages for some workspace, in seven list calls. */
export async function observeManagedObjects(): Promise<ObservedObject[]> {
  const core = adminApi(k8s.CoreV1Api);
  const rbac = adminApi(k8s.RbacAuthorizationV1Api);
  const networking = adminApi(k8s.NetworkingV1Api);
  const query = { labelSelector: managedSelector() };
  const lists: [string, Promise<{ items: k8s.KubernetesObject[] }>][] = [
    ["Namespace", core.listNamespace(query)],
    ["ResourceQuota", core.listResourceQuotaForAllNamespaces(query)],
    ["LimitRange", core.listLimitRangeForAllNamespaces(query)],
    ["NetworkPolicy", networking.listNetworkPolicyForAllNamespaces(query)],
    ["Role", rbac.listRoleForAllNamespaces(query)],
    ["RoleBinding", rbac.listRoleBindingForAllNamespaces(query)],
    ["ServiceAccount", core.listNamespacedServiceAccount({ namespace: MEMBERS_NAMESPACE, ...query })],
  ];
  const results = await Promise.all(lists.map(([, list]) => list));
  return results.flatMap((result, i) =>
    result.items.map((object) => ({
      kind: lists[i]![0],
      name: object.metadata?.name ?? "",
      namespace: object.metadata?.namespace,
      workspaceId: object.metadata?.labels?.[WORKSPACE_ID_LABEL] ?? "",
      membershipId: object.metadata?.labels?.[MEMBERSHIP_ID_LABEL],
      terminating: Boolean(object.metadata?.deletionTimestamp),
      object,
    })),
  );
}

function keyOf(kind: string | undefined, namespace: string | undefined, name: string | undefined): string {
  return `${kind ?? ""}/${namespace ?? ""}/${name ?? ""}`;
}

/**
 * The objects that server-side apply of `desired` (plus pruning of former members) would
 * change: missing or terminating ones, ones where a field Canopy sets has another value,
 * member identities that are no longer desired, and objects of earlier versions that
 * provisioning removes (RETIRED_NETWORK_POLICIES). Fields Canopy does not set are not
 * compared, just as apply leaves them alone.
 */
export function driftOf(desired: k8s.KubernetesObject[], observed: ObservedObject[]): string[] {
  const byKey = new Map(observed.map((o) => [keyOf(o.kind, o.namespace, o.name), o]));
  const drift: string[] = [];
  for (const object of desired) {
    const key = keyOf(object.kind, object.metadata?.namespace, object.metadata?.name);
    const found = byKey.get(key);
    byKey.delete(key);
    // List items carry no apiVersion or kind, so only the rest is compared.
    const fields = { ...object, apiVersion: undefined, kind: undefined };
    if (!found || found.terminating || !covers(found.object, fields)) drift.push(key);
  }
  // What is left over is only ours to remove when it is a former member's identity or retired.
  for (const [key, leftover] of byKey) if (leftover.membershipId || isRetired(leftover)) drift.push(key);
  return drift;
}

function isRetired(o: ObservedObject): boolean {
  return o.kind === "NetworkPolicy" && RETIRED_NETWORK_POLICIES.includes(o.name);
}

/** True when every value in `desired` is present in `observed` (quantities compared by amount). */
function covers(observed: unknown, desired: unknown): boolean {
  if (desired === undefined) return true;
  if (Array.isArray(desired)) {
    return (
      Array.isArray(observed) && observed.length === desired.length && desired.every((d, i) => covers(observed[i], d))
    );
  }
  if (desired !== null && typeof desired === "object") {
    if (observed === null || typeof observed !== "object" || Array.isArray(observed)) return false;
    const fields = observed as Record<string, unknown>;
    return Object.entries(desired).every(([name, value]) => covers(fields[name], value));
  }
  if (typeof desired === "string" && typeof observed === "string" && desired !== observed) {
    return sameQuantity(desired, observed); // the API server rewrites "8000m" as "8"
  }
  return desired === observed;
}

function sameQuantity(a: string, b: string): boolean {
  try {
    return parseQuantity(a) === parseQuantity(b);
  } catch {
    return false;
  }
}
