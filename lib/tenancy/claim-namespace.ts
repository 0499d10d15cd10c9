import * as k8s from "@kubernetes/client-node";
import { AppError } from "@/lib/errors/app-error";
import { FIELD_MANAGER } from "@/lib/kube/apply";
import { adminApi } from "@/lib/kube/client";
import { ignoreNotFound, isConflict, succeededUnless } from "@/lib/kube/status";
import {
  INSTANCE_LABEL,
  MANAGED_BY,
  MANAGED_BY_LABEL,
  WORKSPACE_ID_LABEL,
  canopyInstance,
} from "@/lib/tenancy/kube-names";
import { managedLabels } from "@/lib/tenancy/workspace-bundle";

// A workspace never adopts a namespace it did not create. Several installations (and
// anything else) may share a cluster: a namespace that exists with any other owner
// (another installation, another workspace, or none at all) is refused, never labelled,
// bound or deleted by this one. The namespace is created with a plain create, so of two
// installations racing for a name the API server lets exactly one have it.

export const NAMESPACE_TAKEN_MESSAGE =
  "This URL name cannot be used: a namespace of that name already exists on the cluster. Choose another name.";

/** The workspace's namespace exists and belongs to someone else; `slug` is the field to change. */
export class NamespaceTakenError extends AppError {
  constructor(readonly namespace: string) {
    super("INVALID_INPUT", NAMESPACE_TAKEN_MESSAGE, {
      fieldErrors: { slug: [NAMESPACE_TAKEN_MESSAGE] },
      internal: `namespace ${namespace} exists and is not this installation's namespace of this workspace`,
    });
  }
}

/** True when `namespace` carries this installation's labels for exactly this workspace. */
export function isOwnNamespace(namespace: k8s.V1Namespace, workspaceId: string): boolean {
  const labels = namespace.metadata?.labels ?? {};
  return (
    labels[MANAGED_BY_LABEL] === MANAGED_BY &&
    labels[INSTANCE_LABEL] === canopyInstance() &&
    labels[WORKSPACE_ID_LABEL] === workspaceId
  );
}

/** True when no namespace of that name exists (asked before a new workspace is written). */
export async function namespaceIsFree(name: string): Promise<boolean> {
  return !(await ignoreNotFound(adminApi(k8s.CoreV1Api).readNamespace({ name })));
}

/**
 * Makes sure `name` is this workspace's own namespace: creates it (with the ownership
 * labels only; the bundle is applied after) when it does not exist, and throws
 * NamespaceTakenError when it exists with any other owner.
 */
export async function claimNamespace(workspaceId: string, name: string): Promise<void> {
  const core = adminApi(k8s.CoreV1Api);
  let existing = await ignoreNotFound(core.readNamespace({ name }));
  if (!existing) {
    try {
      await core.createNamespace({
        body: { metadata: { name, labels: managedLabels(workspaceId) } },
        fieldManager: FIELD_MANAGER,
      });
      return;
    } catch (error) {
      if (!isConflict(error)) throw error;
      existing = await core.readNamespace({ name });
    }
  }
  if (!isOwnNamespace(existing, workspaceId)) throw new NamespaceTakenError(name);
}

/**
 * Deletes the workspace's namespace only if it is its own, and only that very object
 * (the uid is a precondition): a namespace of the same name that someone else owns stays.
 * False when there was nothing of ours to delete.
 */
export async function deleteOwnNamespace(workspaceId: string, name: string): Promise<boolean> {
  const core = adminApi(k8s.CoreV1Api);
  const existing = await ignoreNotFound(core.readNamespace({ name }));
  if (!existing || !isOwnNamespace(existing, workspaceId)) return false;
  if (existing.metadata?.deletionTimestamp) return true;
  // 404: gone meanwhile; 409: the uid no longer matches (someone else's object now).
  return succeededUnless(
    core.deleteNamespace({
      name,
      propagationPolicy: "Background",
      body: { preconditions: { uid: existing.metadata!.uid! } },
    }),
    404,
    409,
  );
}
