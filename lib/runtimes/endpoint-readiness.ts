import * as k8s from "@kubernetes/client-node";
import type { WorkspaceContext } from "@/lib/authz/context";
import { env } from "@/lib/config/env";
import { AppError } from "@/lib/errors/app-error";
import { memberApi } from "@/lib/kube/client";
import { isNotFound } from "@/lib/kube/status";
import { certificateCheck, reachableCheck, type EndpointCheck } from "@/lib/runtimes/endpoint-checks";
import { probeEndpoint, resolveHost } from "@/lib/runtimes/endpoint-probe";
import { memberUsername } from "@/lib/tenancy/kube-names";
import { z } from "zod";

// The live readiness of a runtime's public endpoint, for its page (asked for by the
// browser through a route, so the page renders without waiting for it): whether the
// Ingress has an address, whether the certificate served for its host is valid, and
// whether GET / through the ingress reaches the runtime. Read as the member.

export const endpointReadinessInput = z.object({
  name: z.string().trim().min(1, "name: give the runtime's name").max(63, "name: at most 63 characters"),
});

export interface EndpointReadiness {
  host: string;
  url: string;
  ready: boolean;
  checks: EndpointCheck[];
  checkedAt: string;
}

/** Where the host leads: the address the ingress controller published, else what the name resolves to. */
export async function addressCheck(
  host: string,
  ingress: k8s.V1Ingress | null,
): Promise<{ check: EndpointCheck; address: string | null }> {
  const label = "Address";
  const published = ingress?.status?.loadBalancer?.ingress?.[0];
  const assigned = published?.ip ?? published?.hostname;
  if (assigned) {
    return {
      address: assigned,
      check: {
        id: "address",
        label,
        state: "ready",
        detail: `Assigned by the ingress controller: ${assigned}.`,
        fix: null,
      },
    };
  }
  const resolved = await resolveHost(host);
  if ("address" in resolved) {
    return {
      address: resolved.address,
      check: {
        id: "address",
        label,
        state: "ready",
        detail: `${host} resolves to ${resolved.address} (the ingress controller publishes no address of its own).`,
        fix: null,
      },
    };
  }
  return {
    address: null,
    check: {
      id: "address",
      label,
      state: "waiting",
      detail: `No address yet: the ingress controller has not published one, and ${resolved.error}.`,
      fix:
        `This usually takes a few seconds. If it stays, ask the platform operator to check that the ingress ` +
        `controller is running and that DNS for *.${env().CANOPY_PUBLIC_BASE_DOMAIN} points at it.`,
    },
  };
}

export async function endpointReadiness(context: WorkspaceContext, name: string): Promise<EndpointReadiness> {
  const username = memberUsername(context.membership.id);
  const [ingress, deployment] = await Promise.all([
    memberApi(username, k8s.NetworkingV1Api)
      .readNamespacedIngress({ name, namespace: context.namespace })
      .catch((error: unknown) => (isNotFound(error) ? null : Promise.reject(error))),
    memberApi(username, k8s.AppsV1Api)
      .readNamespacedDeployment({ name, namespace: context.namespace })
      .catch((error: unknown) => (isNotFound(error) ? null : Promise.reject(error))),
  ]);
  const host = ingress?.spec?.rules?.[0]?.host;
  if (!deployment || !ingress || !host) throw AppError.notFound("A public endpoint for this runtime");
  const tls = (ingress.spec?.tls ?? []).some((entry) => (entry.hosts ?? []).includes(host));
  const baseDomain = env().CANOPY_PUBLIC_BASE_DOMAIN;

  const { check: address, address: target } = await addressCheck(host, ingress);
  const pods = { desired: deployment.spec?.replicas ?? 0, ready: deployment.status?.readyReplicas ?? 0 };
  const probe = target ? await probeEndpoint({ host, address: target, tls }) : null;
  const checks = [
    address,
    certificateCheck(host, baseDomain, tls, probe),
    probe
      ? reachableCheck(probe, pods)
      : {
          id: "reachable" as const,
          label: "Reachable",
          state: "waiting" as const,
          detail: "Not checked yet: the address comes first.",
          fix: null,
        },
  ];
  return {
    host,
    url: `${tls ? "https" : "http"}://${host}`,
    ready: checks.every((check) => check.state === "ready"),
    checks,
    checkedAt: new Date().toISOString(),
  };
}
