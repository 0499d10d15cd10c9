import type {
  KubernetesObject,
  V1LimitRange,
  V1ResourceQuota,
  V1Role,
  V1RoleBinding,
  V1ServiceAccount,
} from "@kubernetes/client-node";
import type { Role } from "@/lib/authz/permissions";
import {
  ALLOWED_RUNTIME_CLASSES_ANNOTATION,
  ALLOWED_STORAGE_CLASSES_ANNOTATION,
  PUBLIC_HOSTS_ANNOTATION,
} from "@/lib/tenancy/admission-policies";
import { ALLOWED_EXTENDED_RESOURCES_ANNOTATION, ALLOWED_PRIORITY_CLASSES_ANNOTATION } from "@/lib/tenancy/pod-policies";
import { networkPolicies } from "@/lib/tenancy/network-policies";
import { BILLING_HOLD_LABEL, BILLING_HOLD_VALUE } from "@/lib/tenancy/billing-hold-policy";
import { KUBE_ROLE_RULES, kubeRoleName } from "@/lib/tenancy/kube-roles";
import {
  INSTANCE_LABEL,
  canopyInstance,
  MANAGED_BY,
  MANAGED_BY_LABEL,
  MEMBERS_NAMESPACE,
  MEMBERSHIP_ID_LABEL,
  WORKSPACE_ID_LABEL,
  memberRoleBindingName,
  memberServiceAccountName,
  QUOTA_NAME,
  MEMBERS_QUOTA_NAME,
} from "@/lib/tenancy/kube-names";

// The desired state of one workspace on the cluster, as plain objects for server-side
// apply. Pure: the same input always gives the same objects, so applying is idempotent.

export interface PlanLimits {
  cpuMillis: number;
  memoryMiB: number;
  storageGiB: number;
  maxPods: number;
  maxVolumes: number;
  maxServices: number;
  defaultCpuMillis: number;
  defaultMemoryMiB: number;
  defaultCpuRequestMillis: number;
  defaultMemoryRequestMiB: number;
  allowedRuntimeClasses: string[];
  allowedStorageClasses: string[];
  ephemeralStorageGiB: number;
  defaultEphemeralStorageMiB: number;
  maxSecrets: number;
  maxConfigMaps: number;
  /** Extended resources granted, "nvidia.com/gpu=1" (none by default). */
  extendedResources: string[];
  allowedPriorityClasses: string[];
  allowedEgressCidrs: string[];
}

export interface BundleMember {
  membershipId: string;
  role: Role;
}

export interface WorkspaceBundleInput {
  workspaceId: string;
  namespace: string;
  plan: PlanLimits;
  members: BundleMember[];
  /** Public endpoint hosts reserved by this workspace (PublicEndpoint rows). */
  publicHosts: string[];
  /** Suspended by a billing hold (BillingHold.suspendedAt): nothing may start. */
  held: boolean;
  /**
   * The namespace's share of the plan's quota when the workspace has several environments
   * (lib/environments/quota-slices.ts); the whole plan without it. Only the ResourceQuota
   * takes it: the LimitRange keeps the plan's per-container defaults and maximum.
   */
  quota?: Pick<PlanLimits, QuotaField>;
}

type QuotaField = "cpuMillis" | "memoryMiB" | "storageGiB" | "maxPods" | "maxVolumes" | "maxServices";

const GRANT = /^([a-z0-9]([-a-z0-9.]*[a-z0-9])?\/[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)=(\d+)$/;

/** The plan's extended resources by name, checked: a misconfigured plan fails loudly, never grants silently. */
export function grantedExtendedResources(plan: Pick<PlanLimits, "extendedResources">): Record<string, number> {
  const granted: Record<string, number> = {};
  for (const entry of [...plan.extendedResources].sort()) {
    const match = GRANT.exec(entry);
    if (!match || match[1]!.startsWith("kubernetes.io/")) {
      throw new Error(`plan.extendedResources: "${entry}" is not "<domain>/<name>=<count>"`);
    }
    granted[match[1]!] = Number(match[4]);
  }
  return granted;
}

/** The labels that say an object is this installation's, for this workspace. */
export function managedLabels(workspaceId: string): Record<string, string> {
  return { [MANAGED_BY_LABEL]: MANAGED_BY, [INSTANCE_LABEL]: canopyInstance(), [WORKSPACE_ID_LABEL]: workspaceId };
}

export function namespaceObject(
  workspaceId: string,
  namespace: string,
  plan: PlanLimits,
  publicHosts: string[],
  held: boolean,
): KubernetesObject {
  return {
    apiVersion: "v1",
    kind: "Namespace",
    metadata: {
      name: namespace,
      // Read by the admission policies (lib/tenancy/admission-policies.ts).
      annotations: {
        [ALLOWED_RUNTIME_CLASSES_ANNOTATION]: plan.allowedRuntimeClasses.join(","),
        [ALLOWED_STORAGE_CLASSES_ANNOTATION]: plan.allowedStorageClasses.join(","),
        [PUBLIC_HOSTS_ANNOTATION]: [...publicHosts].sort().join(","),
        [ALLOWED_PRIORITY_CLASSES_ANNOTATION]: plan.allowedPriorityClasses.join(","),
        [ALLOWED_EXTENDED_RESOURCES_ANNOTATION]: Object.keys(grantedExtendedResources(plan)).join(","),
      },
      labels: {
        ...managedLabels(workspaceId),
        // Switches on the hold's admission policies (lib/tenancy/billing-hold-policy.ts).
        ...(held ? { [BILLING_HOLD_LABEL]: BILLING_HOLD_VALUE } : {}),
        "pod-security.kubernetes.io/enforce": "restricted",
        "pod-security.kubernetes.io/enforce-version": "latest",
        "pod-security.kubernetes.io/audit": "restricted",
        "pod-security.kubernetes.io/audit-version": "latest",
        "pod-security.kubernetes.io/warn": "restricted",
        "pod-security.kubernetes.io/warn-version": "latest",
      },
    },
  };
}

export const MEMBERS_NAMESPACE_OBJECT: KubernetesObject = {
  apiVersion: "v1",
  kind: "Namespace",
  metadata: {
    name: MEMBERS_NAMESPACE,
    labels: { [MANAGED_BY_LABEL]: MANAGED_BY, "pod-security.kubernetes.io/enforce": "restricted" },
  },
};

/**
 * The members' namespace holds one Secret per kubeconfig (and the members' ServiceAccounts):
 * a quota caps the Secrets, so that issuing kubeconfigs cannot fill etcd, and nothing else
 * (pods, services, claims) may live there at all.
 */
export function membersNamespaceQuota(maxSecrets: number): V1ResourceQuota {
  return {
    apiVersion: "v1",
    kind: "ResourceQuota",
    metadata: { name: MEMBERS_QUOTA_NAME, namespace: MEMBERS_NAMESPACE, labels: { [MANAGED_BY_LABEL]: MANAGED_BY } },
    spec: {
      hard: {
        secrets: String(maxSecrets),
        configmaps: "10",
        pods: "0",
        services: "0",
        persistentvolumeclaims: "0",
      },
    },
  };
}

// The objects are client-node models, which its serializer turns into API JSON (hence
// `_default` and `_from`, the models' names for the API's `default` and `from`).
function isolationObjects({
  workspaceId,
  namespace,
  plan,
  held,
  quota: slice,
}: WorkspaceBundleInput): KubernetesObject[] {
  const labels = managedLabels(workspaceId);
  const share = { ...plan, ...slice };
  const cpu = `${plan.cpuMillis}m`;
  const memory = `${plan.memoryMiB}Mi`;
  const ephemeral = `${plan.ephemeralStorageGiB}Gi`;
  const defaultEphemeral = `${plan.defaultEphemeralStorageMiB}Mi`;
  const extended = Object.entries(grantedExtendedResources(plan)).map(([name, count]) => [
    `requests.${name}`,
    String(count),
  ]);
  const quota: V1ResourceQuota = {
    apiVersion: "v1",
    kind: "ResourceQuota",
    metadata: { name: QUOTA_NAME, namespace, labels },
    spec: {
      hard: {
        "requests.cpu": `${share.cpuMillis}m`,
        "limits.cpu": `${share.cpuMillis}m`,
        "requests.memory": `${share.memoryMiB}Mi`,
        "limits.memory": `${share.memoryMiB}Mi`,
        "requests.storage": `${share.storageGiB}Gi`,
        // Node disk and etcd are shared too.
        "requests.ephemeral-storage": ephemeral,
        "limits.ephemeral-storage": ephemeral,
        secrets: String(plan.maxSecrets),
        configmaps: String(plan.maxConfigMaps),
        ...Object.fromEntries(extended),
        persistentvolumeclaims: String(share.maxVolumes),
        // During a billing hold no pod may be created, by a member or by any controller; the
        // quota evicts nothing, and the hold stops what runs (lib/billing/hold-workloads.ts).
        pods: held ? "0" : String(share.maxPods),
        services: String(share.maxServices),
        "services.loadbalancers": "0",
        "services.nodeports": "0",
      },
    },
  };
  const limitRange: V1LimitRange = {
    apiVersion: "v1",
    kind: "LimitRange",
    metadata: { name: "canopy-limits", namespace, labels },
    spec: {
      limits: [
        {
          type: "Container",
          _default: {
            cpu: `${plan.defaultCpuMillis}m`,
            memory: `${plan.defaultMemoryMiB}Mi`,
            "ephemeral-storage": defaultEphemeral,
          },
          defaultRequest: {
            cpu: `${plan.defaultCpuRequestMillis}m`,
            memory: `${plan.defaultMemoryRequestMiB}Mi`,
            "ephemeral-storage": defaultEphemeral,
          },
          max: { cpu, memory, "ephemeral-storage": ephemeral },
        },
      ],
    },
  };
  return [quota, limitRange, ...networkPolicies(namespace, labels, plan.allowedEgressCidrs)];
}

function roleObjects({ workspaceId, namespace }: WorkspaceBundleInput): V1Role[] {
  return (Object.keys(KUBE_ROLE_RULES) as Role[]).map((role) => ({
    apiVersion: "rbac.authorization.k8s.io/v1",
    kind: "Role",
    metadata: { name: kubeRoleName(role), namespace, labels: managedLabels(workspaceId) },
    rules: KUBE_ROLE_RULES[role],
  }));
}

export function memberServiceAccount(workspaceId: string, membershipId: string): V1ServiceAccount {
  return {
    apiVersion: "v1",
    kind: "ServiceAccount",
    metadata: {
      name: memberServiceAccountName(membershipId),
      namespace: MEMBERS_NAMESPACE,
      labels: { ...managedLabels(workspaceId), [MEMBERSHIP_ID_LABEL]: membershipId },
    },
    automountServiceAccountToken: false,
  };
}

export function memberRoleBinding(workspaceId: string, namespace: string, member: BundleMember): V1RoleBinding {
  return {
    apiVersion: "rbac.authorization.k8s.io/v1",
    kind: "RoleBinding",
    metadata: {
      name: memberRoleBindingName(member.membershipId),
      namespace,
      labels: { ...managedLabels(workspaceId), [MEMBERSHIP_ID_LABEL]: member.membershipId },
    },
    roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: kubeRoleName(member.role) },
    subjects: [
      { kind: "ServiceAccount", name: memberServiceAccountName(member.membershipId), namespace: MEMBERS_NAMESPACE },
    ],
  };
}

/** Every object of a workspace, in the order they can be applied. */
export function workspaceBundle(input: WorkspaceBundleInput): KubernetesObject[] {
  return [
    namespaceObject(input.workspaceId, input.namespace, input.plan, input.publicHosts, input.held),
    ...isolationObjects(input),
    ...roleObjects(input),
    ...input.members.flatMap((member) => [
      memberServiceAccount(input.workspaceId, member.membershipId),
      memberRoleBinding(input.workspaceId, input.namespace, member),
    ]),
  ];
}
