import * as k8s from "@kubernetes/client-node";

// Canopy converges the cluster with server-side apply under one field manager, so that
// re-applying is always safe and foreign edits to the fields we own are taken back.
export const FIELD_MANAGER = "canopy";

export async function serverSideApply(
  client: k8s.KubernetesObjectApi,
  objects: k8s.KubernetesObject[],
  fieldManager: string = FIELD_MANAGER,
): Promise<k8s.KubernetesObject[]> {
  const applied: k8s.KubernetesObject[] = [];
  for (const object of objects) {
    applied.push(
      await client.patch(object, undefined, undefined, fieldManager, true, k8s.PatchStrategy.ServerSideApply),
    );
  }
  return applied;
}
