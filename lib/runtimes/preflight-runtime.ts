import * as k8s from "@kubernetes/client-node";
import type { WorkspaceContext } from "@/lib/authz/context";
import { estimateHourly, type HourlyEstimate } from "@/lib/billing/estimate";
import { pricesAt } from "@/lib/billing/prices";
import { env } from "@/lib/config/env";
import { db } from "@/lib/db/client";
import type { FieldErrors } from "@/lib/errors/app-error";
import { memberApi } from "@/lib/kube/client";
import type { CreateRuntime } from "@/lib/runtimes/runtime-input";
import { deploymentFor } from "@/lib/runtimes/runtime-manifests";
import { preflightWarnings } from "@/lib/runtimes/preflight-warnings";
import {
  footprintOf,
  quotaProblems,
  readWorkspaceQuota,
  type RuntimeFootprint,
  type WorkspaceQuota,
} from "@/lib/runtimes/workspace-quota";
import { memberUsername } from "@/lib/tenancy/kube-names";
import { hasStatus, isConflict, statusOf } from "@/lib/kube/status";

// Before anything is created or changed: the portal's own checks (plan allow-lists,
// volumes, endpoint host, quota with a sentence naming the limit), then a server-side
// dry run as the member, so quota, LimitRange, Pod Security and the admission policies
// have their say, and the hourly cost at the plan's prices.

export interface PreflightResult {
  ok: boolean;
  fieldErrors: FieldErrors;
  /** Refusals that belong to no single field, in the API server's words. */
  problems: string[];
  /** What the cluster would accept but is likely to go wrong, with what to change (preflight-warnings.ts). */
  warnings: string[];
  quota: WorkspaceQuota;
  footprint: RuntimeFootprint;
  hourly: HourlyEstimate;
  host: string | null;
}

export function publicHost(prefix: string): string {
  return `${prefix}.${env().CANOPY_PUBLIC_BASE_DOMAIN}`;
}

/** The API server's words when it refused the request (invalid, forbidden by admission), else null. */
function refusal(error: unknown): string | null {
  return hasStatus(error, 400, 403, 422) ? (statusOf(error)!.message ?? null) : null;
}

export async function preflightRuntime(
  context: WorkspaceContext,
  input: CreateRuntime,
  current?: { footprint: RuntimeFootprint; replicas: number },
): Promise<PreflightResult> {
  const username = memberUsername(context.membership.id);
  const plan = await db().plan.findUniqueOrThrow({ where: { id: context.workspace.planId } });
  const fieldErrors: FieldErrors = {};
  const problems: string[] = [];

  if (!plan.allowedRuntimeClasses.includes(input.runtimeClass)) {
    fieldErrors.runtimeClass = [
      `The ${plan.name} plan allows these runtime classes: ${plan.allowedRuntimeClasses.join(", ")}.`,
    ];
  }

  let claimList: k8s.V1PersistentVolumeClaim[] = [];
  if (input.volumes.length > 0) {
    const claims = await memberApi(username, k8s.CoreV1Api).listNamespacedPersistentVolumeClaim({
      namespace: context.namespace,
    });
    claimList = claims.items;
    const names = new Set(claims.items.map((claim) => claim.metadata?.name));
    input.volumes.forEach((volume, index) => {
      if (!names.has(volume.claimName)) {
        fieldErrors[`volumes.${index}.claimName`] = [`There is no volume named ${volume.claimName} in this workspace.`];
      }
    });
  }

  const host = input.publicEndpoint ? publicHost(input.publicEndpoint.hostPrefix) : null;
  if (host) {
    const taken = await db().publicEndpoint.findUnique({ where: { host } });
    if (taken && !(taken.workspaceId === context.workspace.id && taken.runtimeName === input.name)) {
      fieldErrors["publicEndpoint.hostPrefix"] = [`${host} is already in use. Choose another name.`];
    }
  }

  const quota = await readWorkspaceQuota(context);
  const footprint = footprintOf(input);
  Object.assign(fieldErrors, quotaProblems(quota, footprint, current?.footprint, input.replicas));

  if (Object.keys(fieldErrors).length === 0) {
    // The dry run sees what the portal's own checks cannot: LimitRange, Pod Security,
    // the admission policies and quota as the API server computes them.
    const deployment = deploymentFor(input.name, context.namespace, input);
    const pod: k8s.V1Pod = {
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: `${input.name}-preflight`, namespace: context.namespace, labels: {} },
      spec: deployment.spec!.template.spec!,
    };
    const apps = memberApi(username, k8s.AppsV1Api);
    const core = memberApi(username, k8s.CoreV1Api);
    for (const dryRun of [
      () =>
        current
          ? apps.replaceNamespacedDeployment({
              name: input.name,
              namespace: context.namespace,
              body: deployment,
              dryRun: "All",
            })
          : apps.createNamespacedDeployment({ namespace: context.namespace, body: deployment, dryRun: "All" }),
      () => core.createNamespacedPod({ namespace: context.namespace, body: pod, dryRun: "All" }),
    ]) {
      try {
        await dryRun();
      } catch (error) {
        if (isConflict(error) && !current) {
          fieldErrors.name = ["A runtime with this name already exists in this workspace."];
          break;
        }
        const message = refusal(error);
        if (!message) throw error;
        problems.push(message);
      }
    }
  }

  const [prices, warnings] = await Promise.all([pricesAt(plan.id), preflightWarnings(input, claimList)]);
  const hourly = estimateHourly(
    {
      replicas: input.replicas,
      cpuMillis: input.cpu,
      memoryMiB: input.memory,
      runtimeClass: input.runtimeClass,
      storageGiB: 0, // volumes are billed on their own
      publicEndpoints: host ? 1 : 0,
    },
    prices,
  );
  return {
    ok: Object.keys(fieldErrors).length === 0 && problems.length === 0,
    fieldErrors,
    problems,
    warnings,
    quota,
    footprint,
    hourly,
    host,
  };
}
