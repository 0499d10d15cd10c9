// Names and labels Canopy puts on the cluster, in one place.

import { env } from "@/lib/config/env";

export const MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";
export const MANAGED_BY = "canopy";
export const WORKSPACE_ID_LABEL = "canopy.dev/workspace-id";
/**
 * Which Canopy installation (database) owns a workspace's objects, so that two
 * installations sharing a cluster (say development and tests) never reconcile away each
 * other's namespaces.
 */
export const INSTANCE_LABEL = "canopy.dev/instance";

export function canopyInstance(): string {
  return env().CANOPY_INSTANCE;
}
export const MEMBERSHIP_ID_LABEL = "canopy.dev/membership-id";
/** On every object of a runtime (Deployment, pods, Service, Ingress, Secret). */
export const RUNTIME_LABEL = "canopy.dev/runtime";
/**
 * On the pods of a runtime with a public endpoint: the ingress controller may reach them
 * (lib/tenancy/network-policies.ts). A tenant who sets it on another pod only lets the
 * ingress controller in, which serves no host the workspace did not reserve.
 */
export const PUBLIC_ENDPOINT_LABEL = "canopy.dev/public-endpoint";

/** On a kubeconfig's Secret: the membership whose token it anchors. */
export const CREDENTIAL_OF_LABEL = "canopy.dev/credential-of";

/**
 * Members' ServiceAccounts live in a namespace of the platform's own, where no tenant
 * role reaches: tenants can neither see them nor mint tokens for them.
 */
export const MEMBERS_NAMESPACE = "canopy-members";

/** The ResourceQuota of the members' namespace. */
export const MEMBERS_QUOTA_NAME = "canopy-members-quota";

/** The ResourceQuota of every workspace namespace (lib/tenancy/resource-quota.ts reads it). */
export const QUOTA_NAME = "canopy-quota";

export function workspaceNamespaceName(slug: string): string {
  return `ws-${slug}`;
}

export function memberServiceAccountName(membershipId: string): string {
  return `member-${membershipId}`;
}

export function memberRoleBindingName(membershipId: string): string {
  return `canopy-member-${membershipId}`;
}

export function memberUsername(membershipId: string): string {
  return `system:serviceaccount:${MEMBERS_NAMESPACE}:${memberServiceAccountName(membershipId)}`;
}
