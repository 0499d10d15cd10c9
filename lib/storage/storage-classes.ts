import * as k8s from "@kubernetes/client-node";
import type { WorkspaceContext } from "@/lib/authz/context";
import { db } from "@/lib/db/client";
import { adminApi } from "@/lib/kube/client";
import { ignoreNotFound } from "@/lib/kube/status";

// Which storage classes a workspace may use (its plan's allow-list, also enforced by an
// admission policy) and what the cluster says about them. StorageClasses are
// cluster-scoped and no tenant role may read them, so the platform's identity reads them.

export interface StorageClassInfo {
  name: string;
  /** The class lets claims grow (allowVolumeExpansion). */
  expandable: boolean;
}

export async function planStorageClasses(context: WorkspaceContext): Promise<string[]> {
  const plan = await db().plan.findUnique({
    where: { id: context.workspace.planId },
    select: { allowedStorageClasses: true },
  });
  return plan?.allowedStorageClasses ?? [];
}

/** The class as the cluster has it, or null when it does not exist. */
export async function readStorageClass(name: string): Promise<StorageClassInfo | null> {
  const sc = await ignoreNotFound(adminApi(k8s.StorageV1Api).readStorageClass({ name }));
  return sc ? { name, expandable: sc.allowVolumeExpansion === true } : null;
}

/** The plan's classes that exist on the cluster, in the plan's order. */
export async function offeredStorageClasses(context: WorkspaceContext): Promise<StorageClassInfo[]> {
  const names = await planStorageClasses(context);
  const classes = await Promise.all(names.map(readStorageClass));
  return classes.filter((c): c is StorageClassInfo => c !== null);
}
