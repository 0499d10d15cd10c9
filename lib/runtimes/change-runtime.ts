import * as k8s from "@kubernetes/client-node";
import { z } from "zod";
import { recordAudit } from "@/lib/audit/record";
import { assertWorkspaceCanStartRuntimes } from "@/lib/billing/enforcement";
import type { WorkspaceContext } from "@/lib/authz/context";
import { env } from "@/lib/config/env";
import { db } from "@/lib/db/client";
import { memberApi } from "@/lib/kube/client";
import { preflightError } from "@/lib/runtimes/create-runtime";
import { getRuntime } from "@/lib/runtimes/list-runtimes";
import { preflightRuntime, publicHost } from "@/lib/runtimes/preflight-runtime";
import { runtimeName, runtimeSpecInput, type RuntimeSpec } from "@/lib/runtimes/runtime-input";
import {
  RESTARTED_AT_ANNOTATION,
  STOPPED_REPLICAS_ANNOTATION,
  deploymentFor,
  ingressFor,
  ownedBy,
  secretFor,
  serviceFor,
} from "@/lib/runtimes/runtime-manifests";
import { footprintOf } from "@/lib/runtimes/workspace-quota";
import { memberUsername } from "@/lib/tenancy/kube-names";
import { syncPublicHosts } from "@/lib/tenancy/sync-public-hosts";
import { ignoreNotFound, isConflict } from "@/lib/kube/status";

// Lifecycle of a runtime, every call as the member: scale, stop (to zero, remembering the
// replicas), start, restart (a rolling restart), update (image and resources: a rolling
// update, after the same preflight as create) and delete.

export const runtimeRef = z.object({ name: runtimeName });
export const scaleRuntimeInput = runtimeRef.extend({
  replicas: z.coerce.number().int("Use a whole number.").min(0, "Use 0 or more.").max(20, "Use at most 20 replicas."),
});
export const updateRuntimeInput = runtimeSpecInput.and(runtimeRef);

function clients(context: WorkspaceContext) {
  const username = memberUsername(context.membership.id);
  return {
    apps: memberApi(username, k8s.AppsV1Api),
    core: memberApi(username, k8s.CoreV1Api),
    networking: memberApi(username, k8s.NetworkingV1Api),
  };
}

async function audit(
  context: WorkspaceContext,
  action: string,
  name: string,
  details: Record<string, string | number | null> = {},
) {
  await recordAudit({
    workspaceId: context.workspace.id,
    environment: context.environment,
    actor: context.actor,
    action,
    outcome: "SUCCESS",
    targetType: "runtime",
    targetId: name,
    details,
  });
}

async function patchDeployment(context: WorkspaceContext, name: string, patch: object): Promise<void> {
  await clients(context).apps.patchNamespacedDeployment(
    { name, namespace: context.namespace, body: patch },
    k8s.setHeaderOptions("Content-Type", k8s.PatchStrategy.MergePatch),
  );
}

/**
 * Checks a new replica count (credit, quota, the dry run) and applies it with `annotations`;
 * returns what is likely to go wrong at the new size (preflight warnings).
 */
async function setReplicas(
  context: WorkspaceContext,
  runtime: Awaited<ReturnType<typeof getRuntime>>["runtime"],
  replicas: number,
  annotations: Record<string, string | null> = {},
): Promise<string[]> {
  if (replicas > runtime.desired) await assertWorkspaceCanStartRuntimes(context.workspace.id);
  const spec = specOf(runtime);
  const preflight = await preflightRuntime(
    context,
    { ...spec, name: runtime.name, replicas },
    { footprint: footprintOf(spec), replicas: spec.replicas },
  );
  if (!preflight.ok) throw preflightError(preflight);
  await patchDeployment(context, runtime.name, { metadata: { annotations }, spec: { replicas } });
  return preflight.warnings;
}

/** Scales the runtime; returns what is likely to go wrong at the new size (preflight warnings). */
export async function scaleRuntime(
  context: WorkspaceContext,
  input: z.output<typeof scaleRuntimeInput>,
): Promise<{ warnings: string[] }> {
  const { runtime } = await getRuntime(context, input.name);
  const warnings = await setReplicas(context, runtime, input.replicas);
  await audit(context, "runtime.scale", input.name, { from: runtime.desired, to: input.replicas });
  return { warnings };
}

export async function stopRuntime(context: WorkspaceContext, input: z.output<typeof runtimeRef>) {
  const { runtime } = await getRuntime(context, input.name);
  if (runtime.desired === 0) return;
  await patchDeployment(context, input.name, {
    metadata: { annotations: { [STOPPED_REPLICAS_ANNOTATION]: String(runtime.desired) } },
    spec: { replicas: 0 },
  });
  await audit(context, "runtime.stop", input.name, { replicas: runtime.desired });
}

export async function startRuntime(context: WorkspaceContext, input: z.output<typeof runtimeRef>) {
  const { runtime } = await getRuntime(context, input.name);
  if (runtime.desired > 0) return;
  const replicas = Math.max(1, runtime.stoppedReplicas ?? 1);
  // One user action, one change and one audit event.
  await setReplicas(context, runtime, replicas, { [STOPPED_REPLICAS_ANNOTATION]: null });
  await audit(context, "runtime.start", input.name, { replicas });
}

export async function restartRuntime(context: WorkspaceContext, input: z.output<typeof runtimeRef>) {
  await getRuntime(context, input.name);
  await patchDeployment(context, input.name, {
    spec: { template: { metadata: { annotations: { [RESTARTED_AT_ANNOTATION]: new Date().toISOString() } } } },
  });
  await audit(context, "runtime.restart", input.name);
}

/** The runtime's current spec in form terms; secret values are not read back. */
export function specOf(runtime: Awaited<ReturnType<typeof getRuntime>>["runtime"]): RuntimeSpec {
  const prefix = runtime.host?.split(".")[0];
  return {
    image: runtime.image,
    command: runtime.command,
    args: runtime.args,
    env: runtime.env,
    ports: runtime.ports.map((port) => ({ port })),
    cpu: runtime.cpuMillis,
    memory: runtime.memoryMiB,
    replicas: runtime.desired,
    runtimeClass: runtime.runtimeClass,
    publicEndpoint: prefix && runtime.ports[0] ? { hostPrefix: prefix, port: runtime.ports[0] } : null,
    volumes: runtime.volumes,
  };
}

/**
 * Applies a changed spec: the Deployment is replaced (a rolling update), the Secret,
 * Service and Ingress are created, replaced or removed to match. A secret variable sent
 * with an empty value keeps its stored value.
 */
export async function updateRuntime(context: WorkspaceContext, input: z.output<typeof updateRuntimeInput>) {
  const { runtime } = await getRuntime(context, input.name);
  const before = specOf(runtime);
  if (input.replicas > before.replicas) await assertWorkspaceCanStartRuntimes(context.workspace.id);
  const preflight = await preflightRuntime(context, input, {
    footprint: footprintOf(before),
    replicas: before.replicas,
  });
  if (!preflight.ok) throw preflightError(preflight);

  const { apps, core, networking } = clients(context);
  const namespace = context.namespace;
  const { name } = input;
  const keptSecrets = input.env.filter((v) => v.secret && v.value === "").map((v) => v.name);
  let stored: Record<string, string> = {};
  if (keptSecrets.length) {
    const secret = await core.readNamespacedSecret({ name: `${name}-env`, namespace }).catch(() => null);
    stored = Object.fromEntries(
      Object.entries(secret?.data ?? {}).map(([key, value]) => [key, Buffer.from(value, "base64").toString("utf8")]),
    );
  }
  const spec: RuntimeSpec = {
    ...input,
    env: input.env.map((v) => (v.secret && v.value === "" ? { ...v, value: stored[v.name] ?? "" } : v)),
  };

  const updated = await replaceDeployment(apps, name, namespace, spec);
  const owner = ownedBy(updated);

  await replaceOrRemove(
    secretFor(name, namespace, spec, owner),
    () => core.readNamespacedSecret({ name: `${name}-env`, namespace }),
    (body) => core.createNamespacedSecret({ namespace, body }),
    (body) => core.replaceNamespacedSecret({ name: `${name}-env`, namespace, body }),
    () => core.deleteNamespacedSecret({ name: `${name}-env`, namespace }),
  );
  await replaceOrRemove(
    serviceFor(name, namespace, spec, owner),
    () => core.readNamespacedService({ name, namespace }),
    (body) => core.createNamespacedService({ namespace, body }),
    (body, existing) =>
      core.replaceNamespacedService({
        name,
        namespace,
        body: {
          ...body,
          spec: { ...body.spec, clusterIP: existing.spec?.clusterIP, clusterIPs: existing.spec?.clusterIPs },
        },
      }),
    () => core.deleteNamespacedService({ name, namespace }),
  );

  const host = spec.publicEndpoint ? publicHost(spec.publicEndpoint.hostPrefix) : null;
  if (host && host !== runtime.host) {
    await db().publicEndpoint.upsert({
      where: { workspaceId_runtimeName: { workspaceId: context.workspace.id, runtimeName: name } },
      create: { workspaceId: context.workspace.id, runtimeName: name, host },
      update: { host },
    });
    await syncPublicHosts(context.workspace.id); // the Ingress admission policy's host allow-list
  }
  await replaceOrRemove(
    ingressFor(name, namespace, host, spec, owner, env().CANOPY_INGRESS_CLASS),
    () => networking.readNamespacedIngress({ name, namespace }),
    (body) => networking.createNamespacedIngress({ namespace, body }),
    (body) => networking.replaceNamespacedIngress({ name, namespace, body }),
    () => networking.deleteNamespacedIngress({ name, namespace }),
  );
  if (!host && runtime.host) {
    await db().publicEndpoint.deleteMany({ where: { workspaceId: context.workspace.id, runtimeName: name } });
    await syncPublicHosts(context.workspace.id);
  }

  await audit(context, "runtime.update", name, {
    image: spec.image,
    replicas: spec.replicas,
    cpuMillis: spec.cpu,
    memoryMiB: spec.memory,
  });
}

/**
 * Replaces the Deployment's spec, keeping its annotations (stop, restart). The status is
 * written by controllers all the time, so a stale resourceVersion is retried.
 */
async function replaceDeployment(
  apps: k8s.AppsV1Api,
  name: string,
  namespace: string,
  spec: RuntimeSpec,
): Promise<k8s.V1Deployment> {
  for (let attempt = 1; ; attempt++) {
    const current = await apps.readNamespacedDeployment({ name, namespace });
    const next = deploymentFor(name, namespace, spec);
    next.metadata!.resourceVersion = current.metadata!.resourceVersion;
    next.metadata!.annotations = current.metadata?.annotations;
    next.spec!.template.metadata!.annotations = current.spec?.template.metadata?.annotations;
    try {
      return await apps.replaceNamespacedDeployment({ name, namespace, body: next });
    } catch (error) {
      if (!isConflict(error) || attempt >= 5) throw error;
    }
  }
}

async function replaceOrRemove<T extends k8s.KubernetesObject>(
  desired: T | null,
  read: () => Promise<T>,
  create: (body: T) => Promise<unknown>,
  replace: (body: T, existing: T) => Promise<unknown>,
  remove: () => Promise<unknown>,
): Promise<void> {
  const existing = (await ignoreNotFound(read())) ?? null;
  if (desired && existing) {
    desired.metadata!.resourceVersion = existing.metadata?.resourceVersion;
    await replace(desired, existing);
  } else if (desired) await create(desired);
  else if (existing) await remove();
}

/** Deletes the runtime; its Secret, Service and Ingress go with it (owner references). */
export async function deleteRuntime(context: WorkspaceContext, input: z.output<typeof runtimeRef>) {
  await getRuntime(context, input.name);
  await ignoreNotFound(
    clients(context).apps.deleteNamespacedDeployment({
      name: input.name,
      namespace: context.namespace,
      propagationPolicy: "Foreground",
    }),
  );
  const released = await db().publicEndpoint.deleteMany({
    where: { workspaceId: context.workspace.id, runtimeName: input.name },
  });
  if (released.count > 0) await syncPublicHosts(context.workspace.id);
  await audit(context, "runtime.delete", input.name);
}
