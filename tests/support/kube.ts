import { randomBytes } from "node:crypto";
import * as k8s from "@kubernetes/client-node";
import { adminApi, adminKubeConfig } from "@/lib/kube/client";
import { isNotFound, statusOf as kubeStatusOf } from "@/lib/kube/status";

/** Polls until `probe` returns a value other than undefined, or fails after `ms`. */
export async function eventually<T>(what: string, probe: () => Promise<T | undefined>, ms = 60_000): Promise<T> {
  const deadline = Date.now() + ms;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ""}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** A namespace of the test's own, deleted by the returned cleanup. */
export async function createTestNamespace(prefix: string): Promise<{ name: string; cleanup: () => Promise<void> }> {
  const core = adminApi(k8s.CoreV1Api);
  const name = `${prefix}-${randomBytes(4).toString("hex")}`;
  await core.createNamespace({ body: { metadata: { name, labels: { "canopy.test/suite": prefix } } } });
  // Pods need the namespace's default ServiceAccount, made by the controller manager.
  await eventually(
    `default ServiceAccount in ${name}`,
    async () => (await core.readNamespacedServiceAccount({ name: "default", namespace: name })) ?? undefined,
  );
  return {
    name,
    cleanup: async () => {
      await core.deleteNamespace({ name }).catch(() => undefined);
    },
  };
}

/** The namespace is gone or being deleted. */
export async function namespaceRemoved(name: string): Promise<boolean> {
  try {
    const ns = await adminApi(k8s.CoreV1Api).readNamespace({ name });
    return Boolean(ns.metadata?.deletionTimestamp);
  } catch (error) {
    if (isNotFound(error)) return true;
    throw error;
  }
}

/** A kubeconfig that authenticates with a bearer token instead of the admin certificate. */
export function kubeConfigWithToken(token: string): k8s.KubeConfig {
  const admin = adminKubeConfig();
  const cluster = admin.getCurrentCluster();
  if (!cluster) throw new Error("admin kubeconfig has no current cluster");
  const kc = new k8s.KubeConfig();
  kc.loadFromOptions({
    clusters: [cluster],
    users: [{ name: "token-user", token }],
    contexts: [{ name: "token", cluster: cluster.name, user: "token-user" }],
    currentContext: "token",
  });
  return kc;
}

/** The HTTP status of a failed Kubernetes call, or undefined if it succeeded. */
export async function statusOf(call: () => Promise<unknown>): Promise<{ code: number; reason?: string } | undefined> {
  try {
    await call();
    return undefined;
  } catch (error) {
    const status = kubeStatusOf(error);
    if (status) return { code: status.code, reason: status.reason };
    throw error;
  }
}

/**
 * What writers of an object's spec and metadata have left on it: its managedFields without the
 * status subresource's entries. Unchanged when nobody but a controller updating status wrote
 * it (the quota controller rewrites a ResourceQuota's status, and its resourceVersion, whenever
 * usage in the namespace changes).
 */
export function specWritesOf(object: k8s.KubernetesObject): unknown {
  return (object.metadata?.managedFields ?? []).filter((entry) => entry.subresource !== "status");
}
