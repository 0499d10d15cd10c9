import * as k8s from "@kubernetes/client-node";
import type { WorkspaceContext } from "@/lib/authz/context";
import { env } from "@/lib/config/env";
import { db } from "@/lib/db/client";
import { memberApi } from "@/lib/kube/client";
import { memberUsername } from "@/lib/tenancy/kube-names";

// What the runtime form offers: the plan's runtime classes (its default is the sandboxed
// one), the volumes of the workspace's namespace as the member sees them, and the domain
// public endpoints live under.

export interface RuntimeFormOptions {
  runtimeClasses: string[];
  defaultRuntimeClass: string;
  volumes: { name: string; status: string }[];
  baseDomain: string;
}

export async function runtimeFormOptions(context: WorkspaceContext): Promise<RuntimeFormOptions> {
  const [plan, claims] = await Promise.all([
    db().plan.findUniqueOrThrow({
      where: { id: context.workspace.planId },
      select: { allowedRuntimeClasses: true, defaultRuntimeClass: true },
    }),
    memberApi(memberUsername(context.membership.id), k8s.CoreV1Api).listNamespacedPersistentVolumeClaim({
      namespace: context.namespace,
    }),
  ]);
  return {
    runtimeClasses: plan.allowedRuntimeClasses,
    defaultRuntimeClass: plan.defaultRuntimeClass,
    volumes: claims.items
      .map((claim) => ({
        name: claim.metadata?.name ?? "",
        status: claim.metadata?.deletionTimestamp ? "Terminating" : (claim.status?.phase ?? "Pending"),
      }))
      .filter((claim) => claim.name && claim.status !== "Terminating")
      .sort((a, b) => a.name.localeCompare(b.name)),
    baseDomain: env().CANOPY_PUBLIC_BASE_DOMAIN,
  };
}
