import type { V1IPBlock, V1NetworkPolicy, V1NetworkPolicyPeer } from "@kubernetes/client-node";
import { env } from "@/lib/config/env";
import { cidr, containsCidr, coveringBlocks, type Cidr } from "@/lib/net/cidr";
import { PUBLIC_ENDPOINT_LABEL } from "@/lib/tenancy/kube-names";

// A workspace's NetworkPolicies (docs/isolation.md, "Hardening: cluster rules"). Ingress:
// from the workspace's own pods, and from the ingress controller to runtimes with a public
// endpoint. Egress: default deny, except the workspace's own pods, DNS, the public internet
// and the non-public networks the plan allows. "The public internet" is every globally
// reachable address: the IANA special-purpose blocks that are not (private, shared,
// link-local with the cloud metadata service, loopback, documentation, multicast) are left
// out, and so are the cluster's pod and service ranges and the addresses configured as
// excluded (the API server's and the nodes', where they are public). A packet to a
// Service IP without endpoints is not rewritten before the policy sees it, so the service
// range has to be excluded by the policy itself; one to a Service with endpoints is
// rewritten to a pod's address first, so Services keep working.

/**
 * Not globally reachable (IANA IPv4 and IPv6 special-purpose address registries). IPv4-mapped
 * IPv6 (::ffff:0:0/96) is no separate network on the wire, and the API refuses it inside ::/0.
 */
const NON_PUBLIC = [
  "0.0.0.0/8",
  "10.0.0.0/8",
  "100.64.0.0/10",
  "127.0.0.0/8",
  "169.254.0.0/16",
  "172.16.0.0/12",
  "192.0.0.0/24",
  "192.0.2.0/24",
  "192.88.99.0/24",
  "192.168.0.0/16",
  "198.18.0.0/15",
  "198.51.100.0/24",
  "203.0.113.0/24",
  "224.0.0.0/4",
  "240.0.0.0/4",
  "::/128",
  "::1/128",
  "64:ff9b::/96",
  "64:ff9b:1::/48",
  "100::/64",
  "2001::/23",
  "2001:db8::/32",
  "2002::/16",
  "fc00::/7",
  "fe80::/10",
  "ff00::/8",
].map(cidr);

/** Hands out credentials of the node: never reachable, whatever a plan allows. */
const CLOUD_METADATA = ["169.254.169.254/32", "fd00:ec2::254/128"].map(cidr);

/** The NetworkPolicy names of earlier versions, deleted when a workspace is provisioned. */
export const RETIRED_NETWORK_POLICIES = ["canopy-deny-cloud-metadata-egress"];

/** The cluster's own networks, from the configuration. */
function clusterNetworks(): Cidr[] {
  const config = env();
  return [
    ...config.CANOPY_CLUSTER_POD_CIDRS,
    ...config.CANOPY_CLUSTER_SERVICE_CIDRS,
    ...config.CANOPY_EGRESS_EXCLUDED_CIDRS,
  ].map(cidr);
}

function ipBlock(block: Cidr, except: Cidr[]): V1NetworkPolicyPeer {
  const inside = except.filter((e) => containsCidr(block, e) && e.prefix > block.prefix);
  const value: V1IPBlock = { cidr: block.text };
  const exceptions = coveringBlocks(inside, block.family).map((e) => e.text);
  if (exceptions.length > 0) value.except = exceptions;
  return { ipBlock: value };
}

/** Every address of both families but the non-public ones and the cluster's. */
function publicInternet(): V1NetworkPolicyPeer[] {
  const excluded = [...NON_PUBLIC, ...clusterNetworks()];
  return [ipBlock(cidr("0.0.0.0/0"), excluded), ipBlock(cidr("::/0"), excluded)];
}

/**
 * The plan's non-public networks. A block the plan names is allowed as a whole, but the
 * cluster's networks inside a larger block stay out (a company's 10.0.0.0/8 does not open
 * the pod range), and the cloud metadata service always does.
 */
function planNetworks(allowed: string[]): V1NetworkPolicyPeer[] {
  const never = [...CLOUD_METADATA, ...clusterNetworks()];
  return allowed.map(cidr).map((block) => ipBlock(block, never));
}

function dnsPeers(): V1NetworkPolicyPeer[] {
  const config = env();
  return [
    ...config.CANOPY_DNS_CIDRS.map((block) => ({ ipBlock: { cidr: cidr(block).text } })),
    {
      namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": config.CANOPY_DNS_NAMESPACE } },
      podSelector: { matchLabels: config.CANOPY_DNS_POD_LABELS },
    },
  ];
}

// Client-node models: `_from` is the API's `from`.
export function networkPolicies(
  namespace: string,
  labels: Record<string, string>,
  allowedEgressCidrs: string[],
): V1NetworkPolicy[] {
  const policy = (name: string, spec: V1NetworkPolicy["spec"]): V1NetworkPolicy => ({
    apiVersion: "networking.k8s.io/v1",
    kind: "NetworkPolicy",
    metadata: { name, namespace, labels },
    spec,
  });
  const planAllowed = planNetworks(allowedEgressCidrs);
  return [
    // Pods accept traffic from pods of the same namespace...
    policy("canopy-same-namespace-ingress", {
      podSelector: {},
      policyTypes: ["Ingress"],
      ingress: [{ _from: [{ podSelector: {} }] }],
    }),
    // ...and a runtime with a public endpoint from the ingress controller too.
    policy("canopy-ingress-controller", {
      podSelector: { matchLabels: { [PUBLIC_ENDPOINT_LABEL]: "true" } },
      policyTypes: ["Ingress"],
      ingress: [{ _from: [{ namespaceSelector: { matchLabels: env().CANOPY_INGRESS_CONTROLLER_NAMESPACE_LABELS } }] }],
    }),
    policy("canopy-egress", {
      podSelector: {},
      policyTypes: ["Egress"],
      egress: [
        { to: [{ podSelector: {} }] },
        {
          to: dnsPeers(),
          ports: [
            { protocol: "UDP", port: 53 },
            { protocol: "TCP", port: 53 },
          ],
        },
        { to: publicInternet() },
        ...(planAllowed.length > 0 ? [{ to: planAllowed }] : []),
      ],
    }),
  ];
}
