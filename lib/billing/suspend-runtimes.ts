import * as k8s from "@kubernetes/client-node";
import { adminApi } from "@/lib/kube/client";
import { MANAGED_BY, MANAGED_BY_LABEL } from "@/lib/tenancy/kube-names";

// Suspension for lack of credit: Canopy's Deployments in a namespace are scaled to zero and
// the replicas they had are kept in an annotation, so that resuming restores exactly them.
// Nothing is deleted: volumes, configuration and the Deployments themselves stay.

export const SUSPENDED_REPLICAS_ANNOTATION = "canopy.dev/suspended-replicas";

const mergePatch = k8s.setHeaderOptions("Content-Type", k8s.PatchStrategy.MergePatch);

async function managedDeployments(namespace: string): Promise<k8s.V1Deployment[]> {
  const apps = adminApi(k8s.AppsV1Api);
  const items: k8s.V1Deployment[] = [];
  let cont: string | undefined;
  do {
    const page = await apps.listNamespacedDeployment({
      namespace,
      labelSelector: `${MANAGED_BY_LABEL}=${MANAGED_BY}`,
      limit: 500,
      _continue: cont,
    });
    items.push(...page.items);
    cont = page.metadata?._continue || undefined;
  } while (cont);
  return items;
}

/** Scales every running Canopy Deployment to zero; returns the names it scaled. */
export async function suspendRuntimes(namespace: string): Promise<string[]> {
  const apps = adminApi(k8s.AppsV1Api);
  const scaled: string[] = [];
  for (const deployment of await managedDeployments(namespace)) {
    const name = deployment.metadata!.name!;
    const replicas = deployment.spec?.replicas ?? 1;
    if (replicas === 0 || deployment.metadata?.annotations?.[SUSPENDED_REPLICAS_ANNOTATION]) continue;
    await apps.patchNamespacedDeployment(
      {
        name,
        namespace,
        body: {
          metadata: { annotations: { [SUSPENDED_REPLICAS_ANNOTATION]: String(replicas) } },
          spec: { replicas: 0 },
        },
      },
      mergePatch,
    );
    scaled.push(name);
  }
  return scaled;
}

/** Restores every Deployment suspended by suspendRuntimes; returns the names it resumed. */
export async function resumeRuntimes(namespace: string): Promise<string[]> {
  const apps = adminApi(k8s.AppsV1Api);
  const resumed: string[] = [];
  for (const deployment of await managedDeployments(namespace)) {
    const saved = deployment.metadata?.annotations?.[SUSPENDED_REPLICAS_ANNOTATION];
    if (saved === undefined) continue;
    const replicas = Number.parseInt(saved, 10);
    await apps.patchNamespacedDeployment(
      {
        name: deployment.metadata!.name!,
        namespace,
        body: {
          metadata: { annotations: { [SUSPENDED_REPLICAS_ANNOTATION]: null } },
          ...(Number.isSafeInteger(replicas) && replicas >= 0 ? { spec: { replicas } } : {}),
        },
      },
      mergePatch,
    );
    resumed.push(deployment.metadata!.name!);
  }
  return resumed;
}
