import { performance } from "node:perf_hooks";
import * as k8s from "@kubernetes/client-node";
import { adminApi, kubeRequestCount } from "@/lib/kube/client";
import { memberRoleBindingName } from "@/lib/tenancy/kube-names";
import { EventReconciler } from "@/lib/tenancy/event-reconciler";
import { ensurePlatformObjects } from "@/lib/tenancy/provision-workspace";
import { atMost } from "./stats";
import { removeSeededWorkspaces, seedProvisionedWorkspaces } from "./reconcile-scale-seed";
import { resetBenchDatabase, type Benchmark, type Figure } from "./support";

// The event-driven reconciler (docs/decisions/013) with N workspaces on the cluster, each
// seeded as rows and applied with provisionWorkspace. For each N, with a fresh reconciler:
// - its informers' memory per workspace (heap after their first lists, less before, / N);
// - one full pass over N workspaces that are in sync (the safety net's cost);
// - the API requests a minute of the idle reconciler (counted in lib/kube/client.ts);
// - repair latency: from an edit of a NetworkPolicy's spec, or a RoleBinding's deletion,
//   by hand (the call returned) to the object read back as the bundle has it (polled every 50 ms).

const SIZES = {
  smoke: { sizes: [50], samples: 10, idleSeconds: 15 },
  full: { sizes: [1_000, 10_000], samples: 40, idleSeconds: 60 },
};

const POLICY = "canopy-same-namespace-ingress";
const POLL_MS = 50;
const GIVE_UP_MS = 60_000;

/** Full-size sizes can be narrowed for a shared stack: CANOPY_BENCH_RECONCILE_SIZES=1000,3000. */
function sizesFor(size: "smoke" | "full"): number[] {
  // eslint-disable-next-line no-restricted-properties
  const override = process.env.CANOPY_BENCH_RECONCILE_SIZES;
  if (!override) return SIZES[size].sizes;
  const sizes = override.split(",").map(Number);
  if (sizes.some((n) => !Number.isInteger(n) || n < 1)) {
    throw new Error(`CANOPY_BENCH_RECONCILE_SIZES: "${override}" is not a list of positive integers`);
  }
  return sizes.sort((a, b) => a - b);
}

const networking = () => adminApi(k8s.NetworkingV1Api);
const rbac = () => adminApi(k8s.RbacAuthorizationV1Api);

async function until(check: () => Promise<boolean>): Promise<number> {
  const start = performance.now();
  while (performance.now() - start < GIVE_UP_MS) {
    if (await check().catch(() => false)) return performance.now() - start;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  throw new Error(`not restored within ${GIVE_UP_MS} ms`);
}

/** Opens the same-namespace ingress policy to everyone; resolves to the time until it is closed again. */
async function tamperPolicy(namespace: string): Promise<number> {
  const policy = await networking().readNamespacedNetworkPolicy({ name: POLICY, namespace });
  policy.spec = { podSelector: {}, policyTypes: ["Ingress"], ingress: [{}] };
  await networking().replaceNamespacedNetworkPolicy({ name: POLICY, namespace, body: policy });
  return until(async () => {
    const read = await networking().readNamespacedNetworkPolicy({ name: POLICY, namespace });
    return read.spec?.ingress?.[0]?._from?.[0]?.podSelector !== undefined;
  });
}

/** Deletes the owner's RoleBinding; resolves to the time until it exists again. */
async function deleteBinding(namespace: string, membershipId: string): Promise<number> {
  const name = memberRoleBindingName(membershipId);
  await rbac().deleteNamespacedRoleBinding({ name, namespace });
  return until(async () => {
    const read = await rbac().readNamespacedRoleBinding({ name, namespace });
    return !read.metadata?.deletionTimestamp;
  });
}

function heapUsed(): number {
  for (let i = 0; i < 3; i++) globalThis.gc?.();
  return process.memoryUsage().heapUsed;
}

interface AtSize {
  n: number;
  repairs: number[];
  idlePerMinute: number;
  bytesPerWorkspace: number;
  fullPassSeconds: number;
  fullPassRequests: number;
  seedSeconds: number;
}

async function measureAt(n: number, samples: number, idleSeconds: number, log: (m: string) => void, seedSeconds = 0) {
  const before = heapUsed();
  const reconciler = new EventReconciler();
  try {
    await reconciler.start();
    const bytesPerWorkspace = (heapUsed() - before) / n;
    log(`${n}: informers listed, ${(bytesPerWorkspace / 1024).toFixed(1)} KiB per workspace`);

    const passRequests = await kubeRequestCount("admin");
    const passStart = performance.now();
    await reconciler.fullPass();
    await reconciler.queue.idle();
    const fullPassSeconds = (performance.now() - passStart) / 1000;
    const fullPassRequests = (await kubeRequestCount("admin")) - passRequests;
    log(`${n}: full pass in ${fullPassSeconds.toFixed(1)} s, ${fullPassRequests} request(s)`);

    const idleStart = await kubeRequestCount("admin");
    await new Promise((resolve) => setTimeout(resolve, idleSeconds * 1000));
    const idlePerMinute = (((await kubeRequestCount("admin")) - idleStart) * 60) / idleSeconds;
    log(`${n}: idle for ${idleSeconds} s: ${idlePerMinute.toFixed(1)} request(s) a minute`);

    const repairs: number[] = [];
    for (let i = 0; i < samples; i++) {
      const k = 1 + Math.floor(Math.random() * n);
      const namespace = `ws-rb-${k}`;
      repairs.push(i % 2 === 0 ? await tamperPolicy(namespace) : await deleteBinding(namespace, `rb-m-${k}`));
      await reconciler.queue.idle();
    }
    log(`${n}: ${samples} repairs, slowest ${Math.max(...repairs).toFixed(0)} ms`);
    return { n, repairs, idlePerMinute, bytesPerWorkspace, fullPassSeconds, fullPassRequests, seedSeconds };
  } finally {
    await reconciler.stop();
  }
}

export const benchmark: Benchmark = {
  name: "reconcile-at-scale",
  description: "event-driven reconciler with N workspaces: repair latency, idle API requests, informer memory",
  async run(size, log) {
    const { samples, idleSeconds } = SIZES[size];
    const sizes = sizesFor(size);
    if (!globalThis.gc) log("no global.gc (run with NODE_OPTIONS=--expose-gc): memory figures include garbage");
    await resetBenchDatabase();
    await ensurePlatformObjects();
    const results: AtSize[] = [];
    let seeded = 0;
    try {
      for (const n of sizes) {
        const start = performance.now();
        await seedProvisionedWorkspaces(seeded + 1, n, log);
        seeded = n;
        const seedSeconds = (performance.now() - start) / 1000;
        log(`${n} workspaces on the cluster (seeded in ${seedSeconds.toFixed(0)} s)`);
        results.push(await measureAt(n, samples, idleSeconds, log, seedSeconds));
      }
    } finally {
      const { namespaces, seconds } = await removeSeededWorkspaces(log);
      log(`deleted ${namespaces} namespaces; all gone after ${seconds.toFixed(0)} s`);
    }
    const figures: Figure[] = results.flatMap((r) => [
      { name: `repair latency, ${r.n} workspaces`, samples: r.repairs, targets: { p95: 5_000 } },
      {
        name: `idle API requests a minute, ${r.n} workspaces`,
        unit: "req/min",
        samples: [r.idlePerMinute],
        targets: {},
      },
      {
        name: `informer memory per workspace, ${r.n} workspaces`,
        unit: "KiB",
        samples: [r.bytesPerWorkspace / 1024],
        targets: {},
      },
      { name: `in-sync full pass, ${r.n} workspaces`, unit: "s", samples: [r.fullPassSeconds], targets: {} },
    ]);
    const first = results[0]!;
    const last = results[results.length - 1]!;
    return {
      figures,
      checks: [
        atMost(`idle requests a minute at ${last.n} − at ${first.n} ≤ 2`, last.idlePerMinute - first.idlePerMinute, 2),
      ],
      params: {
        sizes,
        samples,
        idleSeconds,
        seedSeconds: Object.fromEntries(results.map((r) => [r.n, Math.round(r.seedSeconds)])),
        fullPassRequests: Object.fromEntries(results.map((r) => [r.n, r.fullPassRequests])),
        gcExposed: Boolean(globalThis.gc),
      },
      notes: [
        "Workspaces are seeded as rows (bench/support.ts seedWorkspaceRows, prefix rb) and applied with provisionWorkspace, 10 at a time; each size adds to the previous one.",
        "Each size starts a fresh EventReconciler in the bench process: memory is the heap after its informers' first lists less the heap before (after gc), over N.",
        "Idle requests are every request the process made through lib/kube/client.ts (watches included) while nothing changed; samples alternate a NetworkPolicy spec edit and a RoleBinding deletion on a random workspace, one at a time.",
      ],
    };
  },
};
