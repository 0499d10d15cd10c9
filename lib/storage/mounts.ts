import * as k8s from "@kubernetes/client-node";
import type { WorkspaceContext } from "@/lib/authz/context";
import { memberApi } from "@/lib/kube/client";
import { RUNTIME_LABEL, memberUsername } from "@/lib/tenancy/kube-names";

// Who mounts which claim: Deployments whose pod template names the claim (a Canopy
// runtime when it carries the runtime label), and pods that mount it directly. A pod
// that belongs to one of those Deployments is not listed again, and finished or
// terminating pods no longer count.

export interface Mount {
  kind: "runtime" | "deployment" | "pod";
  name: string;
}

function claimsOf(spec: k8s.V1PodSpec | undefined): string[] {
  return (spec?.volumes ?? []).flatMap((v) => (v.persistentVolumeClaim ? [v.persistentVolumeClaim.claimName] : []));
}

function add(mounts: Map<string, Mount[]>, claim: string, mount: Mount): void {
  const list = mounts.get(claim) ?? [];
  list.push(mount);
  mounts.set(claim, list);
}

/** A Deployment's pods belong to its ReplicaSet "<deployment>-<pod-template-hash>". */
function owningDeployment(pod: k8s.V1Pod): string | undefined {
  const hash = pod.metadata?.labels?.["pod-template-hash"];
  const owner = pod.metadata?.ownerReferences?.find((o) => o.controller && o.kind === "ReplicaSet");
  if (!owner || !hash || !owner.name.endsWith(`-${hash}`)) return undefined;
  return owner.name.slice(0, -hash.length - 1);
}

/** Every claim in the workspace's namespace that something mounts, with who mounts it. */
export async function findMounts(context: WorkspaceContext): Promise<Map<string, Mount[]>> {
  const username = memberUsername(context.membership.id);
  const namespace = context.namespace;
  const [deployments, pods] = await Promise.all([
    memberApi(username, k8s.AppsV1Api).listNamespacedDeployment({ namespace }),
    memberApi(username, k8s.CoreV1Api).listNamespacedPod({ namespace }),
  ]);

  const mounts = new Map<string, Mount[]>();
  const deploymentClaims = new Map<string, Set<string>>();
  for (const deployment of deployments.items) {
    const name = deployment.metadata?.name ?? "";
    const runtime = deployment.metadata?.labels?.[RUNTIME_LABEL];
    const claims = new Set(claimsOf(deployment.spec?.template.spec));
    deploymentClaims.set(name, claims);
    for (const claim of claims) {
      add(mounts, claim, runtime ? { kind: "runtime", name: runtime } : { kind: "deployment", name });
    }
  }
  for (const pod of pods.items) {
    if (pod.metadata?.deletionTimestamp || pod.status?.phase === "Succeeded" || pod.status?.phase === "Failed")
      continue;
    const listedWith = deploymentClaims.get(owningDeployment(pod) ?? "");
    for (const claim of new Set(claimsOf(pod.spec))) {
      if (listedWith?.has(claim)) continue;
      add(mounts, claim, { kind: "pod", name: pod.metadata?.name ?? "" });
    }
  }
  return mounts;
}

/** "runtime web", "runtimes web and api", "deployment legacy and pod debug". */
export function describeMounts(mounts: Mount[]): string {
  const names = (kind: Mount["kind"]) => mounts.filter((m) => m.kind === kind).map((m) => `“${m.name}”`);
  const parts = (["runtime", "deployment", "pod"] as const).flatMap((kind) => {
    const list = names(kind);
    if (list.length === 0) return [];
    return [`${kind}${list.length > 1 ? "s" : ""} ${joinWords(list)}`];
  });
  return joinWords(parts);
}

function joinWords(words: string[]): string {
  if (words.length <= 1) return words.join("");
  return `${words.slice(0, -1).join(", ")} and ${words.at(-1)}`;
}
