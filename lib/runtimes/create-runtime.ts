import * as k8s from "@kubernetes/client-node";
import { recordAudit } from "@/lib/audit/record";
import { assertWorkspaceCanStartRuntimes } from "@/lib/billing/enforcement";
import type { WorkspaceContext } from "@/lib/authz/context";
import { env } from "@/lib/config/env";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { AppError } from "@/lib/errors/app-error";
import { memberApi } from "@/lib/kube/client";
import { preflightRuntime } from "@/lib/runtimes/preflight-runtime";
import { createRuntimeInput, type CreateRuntime } from "@/lib/runtimes/runtime-input";
import { deploymentFor, ingressFor, ownedBy, secretFor, serviceFor } from "@/lib/runtimes/runtime-manifests";
import { memberUsername } from "@/lib/tenancy/kube-names";
import { syncPublicHosts } from "@/lib/tenancy/sync-public-hosts";
import { isConflict } from "@/lib/kube/status";

export { createRuntimeInput };

/** Turns a failed preflight into the one error type, fields first. */
export function preflightError(result: { fieldErrors: Record<string, string[]>; problems: string[] }): AppError {
  const message = result.problems.length
    ? `The cluster would refuse this runtime: ${result.problems.join(" ")}`
    : "Please correct the highlighted fields.";
  return new AppError("INVALID_INPUT", message, { fieldErrors: result.fieldErrors });
}

/**
 * Creates a runtime as the member: the Deployment first, then its Secret, Service and
 * Ingress owned by it. If any later call fails, the Deployment is deleted (taking what
 * it owns with it) and the endpoint reservation released: nothing is left half-made.
 */
export async function createRuntime(context: WorkspaceContext, input: CreateRuntime): Promise<{ name: string }> {
  // No credit or an exceeded hard budget: nothing new starts (running ones are suspended
  // by the billing worker after its grace period).
  if (input.replicas > 0) await assertWorkspaceCanStartRuntimes(context.workspace.id);
  const preflight = await preflightRuntime(context, input);
  if (!preflight.ok) throw preflightError(preflight);

  const username = memberUsername(context.membership.id);
  const apps = memberApi(username, k8s.AppsV1Api);
  const core = memberApi(username, k8s.CoreV1Api);
  const networking = memberApi(username, k8s.NetworkingV1Api);
  const namespace = context.namespace;

  if (preflight.host) {
    try {
      await db().publicEndpoint.create({
        data: { workspaceId: context.workspace.id, runtimeName: input.name, host: preflight.host },
      });
    } catch (error) {
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
        throw AppError.invalid(
          "publicEndpoint.hostPrefix",
          `${preflight.host} is already in use. Choose another name.`,
        );
      }
      throw error;
    }
    // The namespace's host allow-list (read by the Ingress admission policy) gains it.
    await syncPublicHosts(context.workspace.id);
  }

  let deployment: k8s.V1Deployment | undefined;
  try {
    deployment = await apps.createNamespacedDeployment({
      namespace,
      body: deploymentFor(input.name, namespace, input),
    });
    const owner = ownedBy(deployment);
    const secret = secretFor(input.name, namespace, input, owner);
    if (secret) await core.createNamespacedSecret({ namespace, body: secret });
    const service = serviceFor(input.name, namespace, input, owner);
    if (service) await core.createNamespacedService({ namespace, body: service });
    const ingress = ingressFor(input.name, namespace, preflight.host, input, owner, env().CANOPY_INGRESS_CLASS);
    if (ingress) await networking.createNamespacedIngress({ namespace, body: ingress });
  } catch (error) {
    if (deployment) {
      await apps
        .deleteNamespacedDeployment({ name: input.name, namespace, propagationPolicy: "Background" })
        .catch(() => undefined);
    }
    if (preflight.host) {
      await db()
        .publicEndpoint.deleteMany({ where: { workspaceId: context.workspace.id, runtimeName: input.name } })
        .catch(() => undefined);
      await syncPublicHosts(context.workspace.id).catch(() => undefined);
    }
    if (isConflict(error)) {
      throw AppError.invalid("name", "A runtime with this name already exists in this workspace.");
    }
    throw error;
  }

  await recordAudit({
    workspaceId: context.workspace.id,
    environment: context.environment,
    actor: context.actor,
    action: "runtime.create",
    outcome: "SUCCESS",
    targetType: "runtime",
    targetId: input.name,
    details: {
      image: input.image,
      replicas: input.replicas,
      cpuMillis: input.cpu,
      memoryMiB: input.memory,
      runtimeClass: input.runtimeClass,
      host: preflight.host,
    },
  });
  return { name: input.name };
}
