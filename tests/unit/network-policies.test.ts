import type { V1NetworkPolicy } from "@kubernetes/client-node";
import { describe, expect, it } from "vitest";
import { env } from "@/lib/config/env";
import { networkPolicies } from "@/lib/tenancy/network-policies";

// The shape of a workspace's NetworkPolicies; what they do to packets is proved on the real
// node (e2e/isolation/egress.spec.ts).

function egressOf(allowed: string[] = []) {
  const policies = networkPolicies("ws-unit", { a: "b" }, allowed);
  return (policies.find((p) => p.metadata?.name === "canopy-egress") as V1NetworkPolicy).spec!.egress!;
}

describe("workspace network policies", () => {
  it("let the public internet out but no private, shared, link-local or cluster network", () => {
    const [v4, v6] = egressOf()[2]!.to!;
    expect(v4!.ipBlock!.cidr).toBe("0.0.0.0/0");
    expect(v4!.ipBlock!.except).toEqual(
      expect.arrayContaining(["10.0.0.0/8", "100.64.0.0/10", "169.254.0.0/16", "172.16.0.0/12", "192.168.0.0/16"]),
    );
    // The configured pod and service ranges are inside 10.0.0.0/8 here, so not listed twice.
    expect(v4!.ipBlock!.except).not.toContain("10.96.0.0/16");
    expect(v6!.ipBlock).toMatchObject({ cidr: "::/0", except: expect.arrayContaining(["fc00::/7", "fe80::/10"]) });
  });

  it("let DNS out only to the configured resolvers, on port 53", () => {
    const dns = egressOf()[1]!;
    expect(dns.to).toContainEqual({ ipBlock: { cidr: "169.254.20.10/32" } });
    expect(dns.to).toContainEqual({
      namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": env().CANOPY_DNS_NAMESPACE } },
      podSelector: { matchLabels: env().CANOPY_DNS_POD_LABELS },
    });
    expect(dns.ports).toEqual([
      { protocol: "UDP", port: 53 },
      { protocol: "TCP", port: 53 },
    ]);
  });

  it("open the plan's networks, never the metadata service or the cluster's ranges inside them", () => {
    const egress = egressOf(["10.0.0.0/8", "169.254.0.0/16", "172.31.254.0/24"]);
    expect(egress).toHaveLength(4);
    expect(egress[3]!.to).toEqual([
      { ipBlock: { cidr: "10.0.0.0/8", except: ["10.96.0.0/16", "10.244.0.0/16", "10.246.0.0/24"] } },
      { ipBlock: { cidr: "169.254.0.0/16", except: ["169.254.169.254/32"] } },
      { ipBlock: { cidr: "172.31.254.0/24" } },
    ]);
    expect(egressOf()).toHaveLength(3);
  });

  it("let the ingress controller's namespace in to pods of runtimes with a public endpoint only", () => {
    const ingress = networkPolicies("ws-unit", {}, []).find((p) => p.metadata?.name === "canopy-ingress-controller");
    expect(ingress?.spec).toEqual({
      podSelector: { matchLabels: { "canopy.dev/public-endpoint": "true" } },
      policyTypes: ["Ingress"],
      ingress: [{ _from: [{ namespaceSelector: { matchLabels: env().CANOPY_INGRESS_CONTROLLER_NAMESPACE_LABELS } }] }],
    });
  });
});
