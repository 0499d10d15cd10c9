import * as k8s from "@kubernetes/client-node";
import type { WorkspaceContext } from "@/lib/authz/context";
import { AppError } from "@/lib/errors/app-error";
import { memberApi } from "@/lib/kube/client";
import { memberUsername } from "@/lib/tenancy/kube-names";
import { isNotFound } from "@/lib/kube/status";

/** The member's view of the core API: every volume call goes through their RBAC. */
export function memberCore(context: WorkspaceContext): k8s.CoreV1Api {
  return memberApi(memberUsername(context.membership.id), k8s.CoreV1Api);
}

/** One claim of the workspace's own namespace, read as the member; "not found" otherwise. */
export async function readVolumeClaim(context: WorkspaceContext, name: string): Promise<k8s.V1PersistentVolumeClaim> {
  try {
    return await memberCore(context).readNamespacedPersistentVolumeClaim({ name, namespace: context.namespace });
  } catch (error) {
    if (isNotFound(error)) throw AppError.notFound(`Volume “${name}”`);
    throw error;
  }
}
