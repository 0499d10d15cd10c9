import { dumpYaml } from "@kubernetes/client-node";
import type { PublicCluster } from "@/lib/credentials/public-cluster";

/** A kubeconfig with one context: the workspace's namespace, as the member, by token. */
export function kubeconfigFile(options: {
  cluster: PublicCluster;
  workspaceSlug: string;
  namespace: string;
  userName: string;
  token: string;
}): string {
  const context = `canopy-${options.workspaceSlug}`;
  return dumpYaml({
    apiVersion: "v1",
    kind: "Config",
    clusters: [
      {
        name: "canopy",
        cluster: {
          server: options.cluster.server,
          "certificate-authority-data": options.cluster.certificateAuthorityData,
        },
      },
    ],
    users: [{ name: options.userName, user: { token: options.token } }],
    contexts: [{ name: context, context: { cluster: "canopy", user: options.userName, namespace: options.namespace } }],
    "current-context": context,
    preferences: {},
  });
}
