import type { V1PolicyRule } from "@kubernetes/client-node";
import type { Role } from "@/lib/authz/permissions";

// What each portal role may do inside its workspace namespace, in Kubernetes terms.
// No role may touch RBAC, quotas, limit ranges, network policies or the namespace
// itself: those belong to the platform and are restored by the reconciler.

const read = ["get", "list", "watch"];
const write = ["create", "update", "patch", "delete", "deletecollection"];

const viewerRules: V1PolicyRule[] = [
  {
    apiGroups: [""],
    resources: [
      "pods",
      "services",
      "endpoints",
      "events",
      "persistentvolumeclaims",
      // Like Kubernetes' built-in "view" role: configuration yes, Secrets never.
      "configmaps",
      "replicationcontrollers",
      "resourcequotas",
      "limitranges",
    ],
    verbs: read,
  },
  { apiGroups: ["apps"], resources: ["deployments", "replicasets", "statefulsets", "daemonsets"], verbs: read },
  { apiGroups: ["batch"], resources: ["jobs", "cronjobs"], verbs: read },
  { apiGroups: ["networking.k8s.io"], resources: ["ingresses"], verbs: read },
  { apiGroups: ["events.k8s.io"], resources: ["events"], verbs: read },
  { apiGroups: ["autoscaling"], resources: ["horizontalpodautoscalers"], verbs: read },
  { apiGroups: ["policy"], resources: ["poddisruptionbudgets"], verbs: read },
];

const developerRules: V1PolicyRule[] = [
  ...viewerRules,
  {
    apiGroups: [""],
    resources: ["pods", "services", "configmaps", "secrets", "persistentvolumeclaims", "replicationcontrollers"],
    verbs: [...read, ...write],
  },
  // Logs, like Secrets, are not for viewers (the guard's runtime.logs says the same).
  { apiGroups: [""], resources: ["pods/log"], verbs: read },
  { apiGroups: [""], resources: ["pods/exec", "pods/portforward", "pods/attach"], verbs: ["create", "get"] },
  { apiGroups: [""], resources: ["pods/ephemeralcontainers"], verbs: ["patch", "update"] },
  {
    apiGroups: ["apps"],
    resources: [
      "deployments",
      "deployments/scale",
      "replicasets",
      "replicasets/scale",
      "statefulsets",
      "statefulsets/scale",
    ],
    verbs: [...read, ...write],
  },
  { apiGroups: ["batch"], resources: ["jobs", "cronjobs"], verbs: [...read, ...write] },
  { apiGroups: ["networking.k8s.io"], resources: ["ingresses"], verbs: [...read, ...write] },
  { apiGroups: ["autoscaling"], resources: ["horizontalpodautoscalers"], verbs: [...read, ...write] },
  { apiGroups: ["policy"], resources: ["poddisruptionbudgets"], verbs: [...read, ...write] },
];

export const KUBE_ROLE_RULES: Record<Role, V1PolicyRule[]> = {
  VIEWER: viewerRules,
  DEVELOPER: developerRules,
  // Admins' and owners' extra powers live in the portal (members, billing, settings).
  ADMIN: developerRules,
  OWNER: developerRules,
};

export function kubeRoleName(role: Role): string {
  return `canopy-${role.toLowerCase()}`;
}
