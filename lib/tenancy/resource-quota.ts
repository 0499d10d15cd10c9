import * as k8s from "@kubernetes/client-node";
import type { WorkspaceContext } from "@/lib/authz/context";
import { adminApi, memberApi } from "@/lib/kube/client";
import { parseQuantity } from "@/lib/kube/quantity";
import { QUOTA_NAME, memberUsername } from "@/lib/tenancy/kube-names";

// The one reader of a workspace's ResourceQuota (the one provisioning writes, see
// workspace-bundle.ts), read as the member: every role may read quotas. The overview,
// the runtime preflight and storage each take the figures they need from it.

/** Amounts by quota key ("requests.cpu", "pods", ...), in base units: cores, bytes, counts. */
export type QuotaAmounts = Record<string, number>;

export interface QuotaAmount {
  used: number;
  hard: number;
}

export interface ResourceQuotaReading {
  /** The limits as provisioning set them (spec.hard). */
  spec: QuotaAmounts;
  /**
   * The limits the quota controller has taken up (status.hard), which admission enforces;
   * they trail a change to the plan by a moment.
   */
  hard: QuotaAmounts;
  /** What the quota controller counted (status.used); filled in shortly after the quota is created. */
  used: QuotaAmounts;
}

function amounts(quantities: Record<string, string> | undefined): QuotaAmounts {
  return Object.fromEntries(Object.entries(quantities ?? {}).map(([key, value]) => [key, parseQuantity(value)]));
}

/** Reads the workspace's quota; Kubernetes errors (a 404 when there is none yet) are thrown as they are. */
export async function readResourceQuota(context: WorkspaceContext): Promise<ResourceQuotaReading> {
  const core = memberApi(memberUsername(context.membership.id), k8s.CoreV1Api);
  const quota = await core.readNamespacedResourceQuota({ name: QUOTA_NAME, namespace: context.namespace });
  return { spec: amounts(quota.spec?.hard), hard: amounts(quota.status?.hard), used: amounts(quota.status?.used) };
}

/** The same reading for the platform's own use (the operator console), with the admin client. */
export async function readResourceQuotaAsPlatform(namespace: string): Promise<ResourceQuotaReading> {
  const quota = await adminApi(k8s.CoreV1Api).readNamespacedResourceQuota({ name: QUOTA_NAME, namespace });
  return { spec: amounts(quota.spec?.hard), hard: amounts(quota.status?.hard), used: amounts(quota.status?.used) };
}
