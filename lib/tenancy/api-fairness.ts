import type { V1FlowSchema, V1PriorityLevelConfiguration } from "@kubernetes/client-node";
import { MEMBERS_NAMESPACE } from "@/lib/tenancy/kube-names";

// Fairness between workspaces at the API server (API Priority and Fairness, on by default):
// every request of a member, with a downloaded kubeconfig or through the portal (APF
// classifies an impersonated request as the member), goes to one priority level of its own
// with a bounded share of the server's concurrency that it does not borrow beyond, and is
// queued fairly by workspace namespace. One workspace flooding the API server fills its own
// queues and gets 429s; another workspace's requests sit in other queues and are served in
// turn. Requests outside any namespace (discovery, access reviews, cluster-scoped kinds) are
// queued by member instead, so a flood of those does not share one queue with every
// workspace. Cluster-wide platform objects, applied with the admission policies.

export const FAIRNESS_PRIORITY_LEVEL = "canopy-workspaces";
export const NAMESPACED_FLOW_SCHEMA = "canopy-workspace-members";
export const CLUSTER_FLOW_SCHEMA = "canopy-workspace-members-cluster";

/** Every member's ServiceAccount is in this group (and nothing else is). */
const MEMBERS_GROUP = `system:serviceaccounts:${MEMBERS_NAMESPACE}`;

const API = "flowcontrol.apiserver.k8s.io/v1";

const priorityLevel: V1PriorityLevelConfiguration = {
  apiVersion: API,
  kind: "PriorityLevelConfiguration",
  metadata: { name: FAIRNESS_PRIORITY_LEVEL },
  spec: {
    type: "Limited",
    limited: {
      // 1 of the built-in levels' 245 shares: 3 of a default server's 600 seats, more on a
      // bigger server. Seats bound the CPU a flood takes from everyone else: with 24, a
      // flooding workspace's lists ran 24 at a time and another's p99 went from 9 to 157 ms;
      // with 3, to 41 ms (bench/README.md, api-fairness). Requests take milliseconds, so
      // 3 seats still serve every member's ordinary calls in turn.
      nominalConcurrencyShares: 1,
      // Idle seats may serve other levels; members never take more than their own.
      lendablePercent: 50,
      borrowingLimitPercent: 0,
      limitResponse: {
        type: "Queue",
        // A flow (one workspace) is dealt 4 of 128 queues and may hold 4 × 45 waiting requests.
        // Long queues hold a flood waiting instead of answering it with 429s at once: a
        // client that does not back off sends a 429'd request again at once, and serving
        // those thousands of 429s a second took more CPU than the flood's own lists.
        queuing: { queues: 128, handSize: 4, queueLengthLimit: 45 },
      },
    },
  },
};

function flowSchema(
  name: string,
  matchingPrecedence: number,
  distinguisher: "ByNamespace" | "ByUser",
  rules: NonNullable<V1FlowSchema["spec"]>["rules"],
): V1FlowSchema {
  return {
    apiVersion: API,
    kind: "FlowSchema",
    metadata: { name },
    spec: {
      // Before the built-in "service-accounts" (9000), which would otherwise take them.
      matchingPrecedence,
      priorityLevelConfiguration: { name: FAIRNESS_PRIORITY_LEVEL },
      distinguisherMethod: { type: distinguisher },
      rules,
    },
  };
}

const subjects = [{ kind: "Group", group: { name: MEMBERS_GROUP } }];
const all = { verbs: ["*"], apiGroups: ["*"], resources: ["*"] };

const namespaced = flowSchema(NAMESPACED_FLOW_SCHEMA, 1000, "ByNamespace", [
  { subjects, resourceRules: [{ ...all, namespaces: ["*"] }] },
]);

const clusterScoped = flowSchema(CLUSTER_FLOW_SCHEMA, 1001, "ByUser", [
  {
    subjects,
    resourceRules: [{ ...all, clusterScope: true }],
    nonResourceRules: [{ verbs: ["*"], nonResourceURLs: ["*"] }],
  },
]);

/** In the order they can be applied: the level before the schemas that name it. */
export const API_FAIRNESS_OBJECTS = [priorityLevel, namespaced, clusterScoped];
