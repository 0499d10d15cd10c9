import * as k8s from "@kubernetes/client-node";
import { env } from "@/lib/config/env";
import { adminApi } from "@/lib/kube/client";
import { certificateCheck, type EndpointCheck } from "@/lib/runtimes/endpoint-checks";
import { probeEndpoint, resolveHost } from "@/lib/runtimes/endpoint-probe";

// Before a runtime with a public endpoint is created: will its host get an address (the
// host is free, an ingress class will serve it, the name leads somewhere), and will a
// certificate cover it (the one the ingress controller serves for that name today, or
// none: plain HTTP)? Ingress classes are cluster-wide, so they are read as the portal.

const DEFAULT_CLASS_ANNOTATION = "ingressclass.kubernetes.io/is-default-class";

async function ingressClassProblem(): Promise<{ name: string } | { problem: string }> {
  const configured = env().CANOPY_INGRESS_CLASS;
  const classes = (await adminApi(k8s.NetworkingV1Api).listIngressClass()).items;
  if (configured) {
    return classes.some((c) => c.metadata?.name === configured)
      ? { name: configured }
      : { problem: `the ingress class ${configured} (CANOPY_INGRESS_CLASS) does not exist in the cluster` };
  }
  const fallback = classes.find((c) => c.metadata?.annotations?.[DEFAULT_CLASS_ANNOTATION] === "true");
  return fallback?.metadata?.name
    ? { name: fallback.metadata.name }
    : { problem: "the cluster has no default ingress class, so no ingress controller would serve it" };
}

export async function endpointPreflight(host: string, takenByAnother: boolean, tls = true): Promise<EndpointCheck[]> {
  const baseDomain = env().CANOPY_PUBLIC_BASE_DOMAIN;
  if (takenByAnother) {
    return [
      {
        id: "address",
        label: "Address",
        state: "failed",
        detail: `${host} is taken: another runtime already uses it.`,
        fix: "Choose another host name prefix.",
      },
    ];
  }
  const [ingressClass, resolved] = await Promise.all([ingressClassProblem(), resolveHost(host)]);
  if ("problem" in ingressClass) {
    return [
      {
        id: "address",
        label: "Address",
        state: "failed",
        detail: `${host} is free, but ${ingressClass.problem}.`,
        fix: "Ask the platform operator to install an ingress controller and name its class (CANOPY_INGRESS_CLASS).",
      },
    ];
  }
  if ("error" in resolved) {
    return [
      {
        id: "address",
        label: "Address",
        state: "waiting",
        detail: `${host} is free and the ingress class ${ingressClass.name} will serve it, but ${resolved.error}.`,
        fix: `Ask the platform operator to point DNS for *.${baseDomain} at the ingress controller.`,
      },
    ];
  }
  // The certificate the ingress controller serves for this name today is the one the runtime will get.
  const probe = tls ? await probeEndpoint({ host, address: resolved.address, tls }) : null;
  return [
    {
      id: "address",
      label: "Address",
      state: "ready",
      detail: `${host} is free; the ingress class ${ingressClass.name} will serve it at ${resolved.address}.`,
      fix: null,
    },
    certificateCheck(host, baseDomain, tls, probe),
  ];
}
