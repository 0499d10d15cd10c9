import * as k8s from "@kubernetes/client-node";
import { env } from "@/lib/config/env";

// The one place that builds Kubernetes clients. The admin client is the portal's own
// identity (platform work: provisioning, reconciling, metering); tenant-facing calls
// will use a client that impersonates the member's ServiceAccount.

let adminConfig: k8s.KubeConfig | undefined;

export function adminKubeConfig(): k8s.KubeConfig {
  if (!adminConfig) {
    const kc = new k8s.KubeConfig();
    const file = env().KUBECONFIG;
    if (file) kc.loadFromFile(file);
    else kc.loadFromCluster();
    adminConfig = kc;
  }
  return adminConfig;
}

type ApiConstructor<T extends k8s.ApiType> = new (config: k8s.Configuration) => T;

export function adminApi<T extends k8s.ApiType>(api: ApiConstructor<T>): T {
  return adminKubeConfig().makeApiClient(api);
}

export function adminObjectApi(): k8s.KubernetesObjectApi {
  return k8s.KubernetesObjectApi.makeApiClient(adminKubeConfig());
}
