import { describe, expect, it } from "vitest";
import { deploymentFor } from "@/lib/runtimes/runtime-manifests";
import { createRuntimeInput } from "@/lib/runtimes/runtime-input";
import { PUBLIC_ENDPOINT_LABEL } from "@/lib/tenancy/kube-names";
import { grantedExtendedResources } from "@/lib/tenancy/workspace-bundle";

const spec = (publicEndpoint: boolean) =>
  createRuntimeInput.parse({
    name: "web",
    image: "registry.example/web:1",
    cpu: "100m",
    memory: "128Mi",
    replicas: 1,
    runtimeClass: "gvisor",
    ports: [{ port: 8080 }],
    ...(publicEndpoint ? { publicEndpoint: { hostPrefix: "web-unit", port: 8080 } } : {}),
  });

describe("a runtime's Deployment", () => {
  it("pulls its image on every start", () => {
    const container = deploymentFor("web", "ws-unit", spec(false)).spec!.template.spec!.containers[0]!;
    expect(container.imagePullPolicy).toBe("Always");
  });

  it("labels the pods of a runtime with a public endpoint for the ingress controller, outside the selector", () => {
    const open = deploymentFor("web", "ws-unit", spec(true)).spec!;
    expect(open.template.metadata?.labels?.[PUBLIC_ENDPOINT_LABEL]).toBe("true");
    expect(open.selector.matchLabels?.[PUBLIC_ENDPOINT_LABEL]).toBeUndefined();
    const closed = deploymentFor("web", "ws-unit", spec(false)).spec!;
    expect(closed.template.metadata?.labels?.[PUBLIC_ENDPOINT_LABEL]).toBeUndefined();
  });
});

describe("a plan's extended resources", () => {
  it("are read as name=count", () => {
    expect(grantedExtendedResources({ extendedResources: ["nvidia.com/gpu=2", "example.com/fpga=0"] })).toEqual({
      "example.com/fpga": 0,
      "nvidia.com/gpu": 2,
    });
  });

  it.each(["nvidia.com/gpu", "gpu=1", "nvidia.com/gpu=-1", "kubernetes.io/gpu=1", "nvidia.com/gpu=one"])(
    "refuse %s loudly",
    (entry) => {
      expect(() => grantedExtendedResources({ extendedResources: [entry] })).toThrow(/plan.extendedResources/);
    },
  );
});
