import * as k8s from "@kubernetes/client-node";
import { env } from "@/lib/config/env";

// The one place that builds Kubernetes clients. The admin client is the portal's own
// identity, for platform work (provisioning, reconciling, metering). Anything done on a
// tenant's behalf uses memberApi/memberObjectApi, which impersonate the member's
// ServiceAccount, so the API server's RBAC checks every tenant action a second time.

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

/** The admin kubeconfig with every request impersonating `username`. */
export function impersonatingKubeConfig(username: string): k8s.KubeConfig {
  const admin = adminKubeConfig();
  const user = admin.getCurrentUser();
  if (!user) throw new Error("the admin kubeconfig has no current user");
  const kc = new k8s.KubeConfig();
  kc.loadFromOptions({
    clusters: admin.clusters,
    users: [{ ...user, impersonateUser: username }],
    contexts: admin.contexts,
    currentContext: admin.currentContext,
  });
  return kc;
}

/** A typed API client acting as the member's ServiceAccount (see lib/tenancy/kube-names). */
export function memberApi<T extends k8s.ApiType>(username: string, api: ApiConstructor<T>): T {
  return impersonatingKubeConfig(username).makeApiClient(api);
}

export function memberObjectApi(username: string): k8s.KubernetesObjectApi {
  return k8s.KubernetesObjectApi.makeApiClient(impersonatingKubeConfig(username));
}
