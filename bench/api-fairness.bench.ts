import { randomBytes } from "node:crypto";
import * as k8s from "@kubernetes/client-node";
import { authorizeWorkspace } from "@/lib/authz/guard";
import { issueKubeconfig } from "@/lib/credentials/issue-kubeconfig";
import { db } from "@/lib/db/client";
import { adminApi } from "@/lib/kube/client";
import { createTeamWorkspace } from "@/lib/workspaces/create-workspace";
import { clientOf, startFlood, timedReads, type KubeconfigClient } from "./api-flood";
import { atLeast, atMost, summarize } from "./stats";
import { deleteBenchObjects, resetBenchDatabase, tag, type Benchmark } from "./support";

// API fairness between workspaces (issue 11, item 12): workspace A's kubeconfig floods the
// API server with list calls, back to back on many connections, while workspace B's
// kubeconfig reads one object now and then. B's latency is measured before the flood and
// during it, and every response of both is counted by status: the flooding workspace should
// get 429s (its own queues are full), B none, and B's p99 during ≤ 3× before.

const SIZES = {
  smoke: { objects: 50, concurrency: 100, beforeSeconds: 3, floodSeconds: 8, warmupSeconds: 2 },
  full: { objects: 100, concurrency: 200, beforeSeconds: 20, floodSeconds: 40, warmupSeconds: 5 },
};
/** Between B's reads: a person's kubectl, not a second flood. */
const READ_GAP_MS = 20;

async function member(label: string): Promise<{ client: KubeconfigClient; namespace: string }> {
  const t = tag();
  const user = await db().user.create({
    data: { name: `Bench ${label} ${t}`, email: `bench-${label}-${t}@bench.canopy.test`, emailVerified: new Date() },
  });
  const actor = { userId: user.id };
  const { slug } = await createTeamWorkspace(actor, { displayName: `Bench ${label}`, slug: `bench-af-${label}-${t}` });
  const context = await authorizeWorkspace(actor, slug, "kubeconfig.issue");
  const issued = await issueKubeconfig(context, { label: "bench", lifetimeHours: 1 });
  return { client: clientOf(issued.kubeconfig), namespace: context.namespace };
}

/** ConfigMaps of about 1 KB each, so that A's lists have something to list. */
async function seed(namespace: string, count: number): Promise<void> {
  const core = adminApi(k8s.CoreV1Api);
  for (let i = 0; i < count; i += 10) {
    await Promise.all(
      Array.from({ length: Math.min(10, count - i) }, (_, j) =>
        core.createNamespacedConfigMap({
          namespace,
          body: { metadata: { name: `bench-${i + j}` }, data: { value: randomBytes(512).toString("hex") } },
        }),
      ),
    );
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export const benchmark: Benchmark = {
  name: "api-fairness",
  description: "another workspace's reads while one workspace floods the API server with list calls",
  async run(size, log) {
    const { objects, concurrency, beforeSeconds, floodSeconds, warmupSeconds } = SIZES[size];
    await resetBenchDatabase();
    try {
      const [a, b] = await Promise.all([member("a"), member("b")]);
      await seed(a.namespace, objects);
      const listA = `/api/v1/namespaces/${a.namespace}/configmaps`;
      const readB = `/api/v1/namespaces/${b.namespace}/configmaps/kube-root-ca.crt`;

      log(`warm-up, then B reads for ${beforeSeconds} s without a flood`);
      const warm = Date.now() + 1000;
      await timedReads(b.client, readB, () => Date.now() > warm, READ_GAP_MS);
      const quietEnd = Date.now() + beforeSeconds * 1000;
      const before = await timedReads(b.client, readB, () => Date.now() > quietEnd, READ_GAP_MS);

      log(`A floods with ${concurrency} connections for ${floodSeconds} s; B reads after ${warmupSeconds} s`);
      const flood = startFlood(a.client, listA, concurrency, floodSeconds);
      await sleep(warmupSeconds * 1000);
      const floodEnd = Date.now() + (floodSeconds - warmupSeconds - 1) * 1000;
      const during = await timedReads(b.client, readB, () => Date.now() > floodEnd, READ_GAP_MS);
      const flooded = await flood.done;

      const p99 = (samples: number[]) => summarize(samples).p99;
      const count = (statuses: Record<string, number>, wanted: (status: string) => boolean) =>
        Object.entries(statuses).reduce((sum, [status, n]) => sum + (wanted(status) ? n : 0), 0);
      const bFailed = count(before.failed, () => true) + count(during.failed, () => true);
      return {
        figures: [
          { name: "B's read, no flood", samples: before.samples, targets: {} },
          {
            name: "B's read, A flooding",
            samples: during.samples,
            targets: {},
            floor: { name: "no flood", samples: before.samples },
          },
        ],
        checks: [
          atMost("B's p99 during the flood ≤ 3× before", p99(during.samples) / p99(before.samples), 3),
          atLeast("A's requests refused with 429", flooded["429"] ?? 0, 1),
          atMost("B's requests not answered 200", bFailed, 0),
        ],
        params: {
          concurrency,
          objectsListed: objects,
          beforeSeconds,
          floodSeconds,
          warmupSeconds,
          readGapMs: READ_GAP_MS,
          floodResponses: flooded,
          bNot200: { before: before.failed, during: during.failed },
        },
        notes: [
          "A: LIST its namespace's ConfigMaps (kube-root-ca.crt + the seeded ones, ~1 KB each) with its kubeconfig, `concurrency` back-to-back loops on kept-alive connections in a child process, no back-off on 429.",
          "B: GET its namespace's kube-root-ca.crt ConfigMap with its kubeconfig, one at a time, 20 ms apart; latency of each 200.",
          "Members' requests go to the priority level canopy-workspaces, queued by namespace (lib/tenancy/api-fairness.ts).",
        ],
      };
    } finally {
      const deleted = await deleteBenchObjects();
      log(`deleted ${deleted} bench namespaces and the bench members' ServiceAccounts and Secrets`);
    }
  },
};
