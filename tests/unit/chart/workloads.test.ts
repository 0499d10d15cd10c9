import { describe, expect, it } from "vitest";
import type { KubernetesObject, V1Container, V1PodSpec } from "@kubernetes/client-node";
import { renderChart } from "../../support/helm";

// The rendered workloads: secrets referenced only, every container locked down.

const objects = renderChart().objects;
const podSpecs = objects
  .filter((o) => o.kind === "Deployment" || o.kind === "Job")
  .map((o) => ({
    name: o.metadata!.name!,
    spec: (o as { spec: { template: { spec: V1PodSpec } } }).spec.template.spec,
  }));

describe("the chart's workloads", () => {
  it("renders the portal, the worker and the migration hook", () => {
    expect(podSpecs.map((p) => p.name).sort()).toEqual(["canopy-migrations", "canopy-portal", "canopy-worker"]);
    const commands = Object.fromEntries(podSpecs.map((p) => [p.name, p.spec.containers[0]!.command]));
    expect(commands["canopy-portal"]).toEqual(["node", "server.mjs", "--port", "3000"]);
    expect(commands["canopy-worker"]).toEqual(["node", "dist/worker.mjs"]);
    expect(commands["canopy-migrations"]).toEqual(["node", "dist/migrate.mjs"]);
  });

  it("writes no Secret and references the database URL and NEXTAUTH_SECRET by name", () => {
    expect(objects.filter((o: KubernetesObject) => o.kind === "Secret")).toEqual([]);
    const portal = podSpecs.find((p) => p.name === "canopy-portal")!.spec.containers[0]!;
    for (const name of ["DATABASE_URL", "NEXTAUTH_SECRET", "DEV_OIDC_CLIENT_SECRET"]) {
      const variable = portal.env!.find((e) => e.name === name);
      expect(variable?.value, name).toBeUndefined();
      expect(variable?.valueFrom?.secretKeyRef?.name, name).toMatch(/^canopy-/);
    }
    const config = objects.find((o) => o.kind === "ConfigMap") as KubernetesObject & { data: Record<string, string> };
    expect(Object.keys(config.data).filter((k) => /_SECRET$|^DATABASE_URL$|^SMTP_URL$/.test(k))).toEqual([]);
  });

  it("runs every container as user 65532, read-only, without capabilities, with /tmp writable", () => {
    for (const { name, spec } of podSpecs) {
      expect(spec.securityContext?.runAsNonRoot, name).toBe(true);
      expect(spec.securityContext?.seccompProfile?.type, name).toBe("RuntimeDefault");
      const container: V1Container = spec.containers[0]!;
      expect(container.securityContext, name).toMatchObject({
        runAsUser: 65532,
        runAsNonRoot: true,
        readOnlyRootFilesystem: true,
        allowPrivilegeEscalation: false,
        capabilities: { drop: ["ALL"] },
      });
      expect(container.volumeMounts, name).toContainEqual({ name: "tmp", mountPath: "/tmp" });
      expect(spec.volumes?.find((v) => v.name === "tmp")?.emptyDir, name).toBeDefined();
    }
  });

  it("exposes /metrics in the Service but routes only the portal's http port through the Ingress", () => {
    const service = objects.find(
      (o) => o.kind === "Service" && o.metadata!.name === "canopy-portal",
    ) as KubernetesObject & {
      spec: { ports: { name: string; port: number }[] };
    };
    expect(service.spec.ports.map((p) => p.name)).toEqual(["http", "metrics"]);
    expect(service.spec.ports.find((p) => p.name === "metrics")?.port).toBe(9464);
    const ingress = objects.find((o) => o.kind === "Ingress") as KubernetesObject & {
      spec: {
        ingressClassName: string;
        rules: { http: { paths: { backend: { service: { port: { name: string } } } }[] } }[];
      };
    };
    // The local stack's Traefik serves the IngressClass canopy (ci/local-values.yaml).
    expect(ingress.spec.ingressClassName).toBe("canopy");
    expect(ingress.spec.rules.flatMap((r) => r.http.paths.map((p) => p.backend.service.port.name))).toEqual(["http"]);
  });

  it("names each pod on the worker's Lease by its pod name, not HOSTNAME (the image's bind address)", () => {
    for (const { name, spec } of podSpecs.filter((p) => p.name !== "canopy-migrations")) {
      const variable = spec.containers[0]!.env!.find((e) => e.name === "POD_NAME");
      expect(variable?.valueFrom?.fieldRef?.fieldPath, name).toBe("metadata.name");
    }
  });

  it("runs Canopy's pods under the RuntimeClass the operator names, and the default one otherwise", () => {
    for (const { name, spec } of podSpecs) expect(spec.runtimeClassName, name).toBeUndefined();
    const sandboxed = renderChart(["runtimeClassName=gvisor"]).objects.filter(
      (o) => o.kind === "Deployment" || o.kind === "Job",
    ) as unknown as { spec: { template: { spec: V1PodSpec } } }[];
    expect(sandboxed.map((o) => o.spec.template.spec.runtimeClassName)).toEqual(["gvisor", "gvisor", "gvisor"]);
    expect(renderChart(["runtimeClassName=Not_A_Name"]).ok).toBe(false);
  });
});
