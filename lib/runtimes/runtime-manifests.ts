import type { V1Deployment, V1EnvVar, V1Ingress, V1OwnerReference, V1Secret, V1Service } from "@kubernetes/client-node";
import type { RuntimeSpec } from "@/lib/runtimes/runtime-input";
import { MANAGED_BY, MANAGED_BY_LABEL, PUBLIC_ENDPOINT_LABEL, RUNTIME_LABEL } from "@/lib/tenancy/kube-names";

// The Kubernetes objects of one runtime, as client-node models (pure functions). Pods
// pass Pod Security "restricted": non-root, RuntimeDefault seccomp, every capability
// dropped, no privilege escalation, and no ServiceAccount token mounted. Images are pulled
// on every start (imagePullPolicy Always, which the workspace admission policy requires),
// and the pods of a runtime with a public endpoint carry the label that lets the ingress
// controller in (lib/tenancy/network-policies.ts).

export const RUNTIME_UID = 65532;
export const STOPPED_REPLICAS_ANNOTATION = "canopy.dev/replicas-before-stop";
export const RESTARTED_AT_ANNOTATION = "canopy.dev/restarted-at";

export function runtimeLabels(name: string): Record<string, string> {
  return { [MANAGED_BY_LABEL]: MANAGED_BY, [RUNTIME_LABEL]: name };
}

export function secretName(name: string): string {
  return `${name}-env`;
}

function envVars(name: string, spec: RuntimeSpec): V1EnvVar[] {
  return spec.env.map((variable) =>
    variable.secret
      ? { name: variable.name, valueFrom: { secretKeyRef: { name: secretName(name), key: variable.name } } }
      : { name: variable.name, value: variable.value },
  );
}

export function deploymentFor(name: string, namespace: string, spec: RuntimeSpec): V1Deployment {
  const labels = runtimeLabels(name);
  const resources = { cpu: `${spec.cpu}m`, memory: `${spec.memory}Mi` };
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name, namespace, labels },
    spec: {
      replicas: spec.replicas,
      selector: { matchLabels: labels },
      strategy: { type: "RollingUpdate" },
      template: {
        metadata: { labels: spec.publicEndpoint ? { ...labels, [PUBLIC_ENDPOINT_LABEL]: "true" } : labels },
        spec: {
          runtimeClassName: spec.runtimeClass,
          automountServiceAccountToken: false,
          enableServiceLinks: false,
          securityContext: {
            runAsNonRoot: true,
            runAsUser: RUNTIME_UID,
            runAsGroup: RUNTIME_UID,
            fsGroup: RUNTIME_UID,
            seccompProfile: { type: "RuntimeDefault" },
          },
          containers: [
            {
              name: "app",
              image: spec.image,
              imagePullPolicy: "Always",
              ...(spec.command.length ? { command: spec.command } : {}),
              ...(spec.args.length ? { args: spec.args } : {}),
              env: envVars(name, spec),
              ports: spec.ports.map(({ port }) => ({ containerPort: port, protocol: "TCP" })),
              // Requests equal limits: the runtime gets exactly what it pays for.
              resources: { requests: resources, limits: resources },
              securityContext: {
                allowPrivilegeEscalation: false,
                capabilities: { drop: ["ALL"] },
                runAsNonRoot: true,
                seccompProfile: { type: "RuntimeDefault" },
              },
              volumeMounts: spec.volumes.map((volume) => ({ name: volume.claimName, mountPath: volume.mountPath })),
            },
          ],
          volumes: spec.volumes.map((volume) => ({
            name: volume.claimName,
            persistentVolumeClaim: { claimName: volume.claimName },
          })),
        },
      },
    },
  };
}

export function ownedBy(deployment: V1Deployment): V1OwnerReference[] {
  return [
    {
      apiVersion: "apps/v1",
      kind: "Deployment",
      name: deployment.metadata!.name!,
      uid: deployment.metadata!.uid!,
      controller: true,
      blockOwnerDeletion: false,
    },
  ];
}

/** The Secret with the secret environment values, or null when there are none. */
export function secretFor(
  name: string,
  namespace: string,
  spec: RuntimeSpec,
  owner: V1OwnerReference[],
): V1Secret | null {
  const secrets = spec.env.filter((variable) => variable.secret);
  if (secrets.length === 0) return null;
  return {
    apiVersion: "v1",
    kind: "Secret",
    metadata: { name: secretName(name), namespace, labels: runtimeLabels(name), ownerReferences: owner },
    type: "Opaque",
    stringData: Object.fromEntries(secrets.map((variable) => [variable.name, variable.value])),
  };
}

export function serviceFor(
  name: string,
  namespace: string,
  spec: RuntimeSpec,
  owner: V1OwnerReference[],
): V1Service | null {
  if (spec.ports.length === 0) return null;
  return {
    apiVersion: "v1",
    kind: "Service",
    metadata: { name, namespace, labels: runtimeLabels(name), ownerReferences: owner },
    spec: {
      type: "ClusterIP",
      selector: runtimeLabels(name),
      ports: spec.ports.map(({ port }) => ({ name: `tcp-${port}`, port, targetPort: port, protocol: "TCP" })),
    },
  };
}

export function ingressFor(
  name: string,
  namespace: string,
  host: string | null,
  spec: RuntimeSpec,
  owner: V1OwnerReference[],
  ingressClassName?: string,
): V1Ingress | null {
  if (!host || !spec.publicEndpoint) return null;
  return {
    apiVersion: "networking.k8s.io/v1",
    kind: "Ingress",
    metadata: { name, namespace, labels: runtimeLabels(name), ownerReferences: owner },
    spec: {
      ...(ingressClassName ? { ingressClassName } : {}),
      tls: [{ hosts: [host] }],
      rules: [
        {
          host,
          http: {
            paths: [
              {
                path: "/",
                pathType: "Prefix",
                backend: { service: { name, port: { number: spec.publicEndpoint.port } } },
              },
            ],
          },
        },
      ],
    },
  };
}
