import * as k8s from "@kubernetes/client-node";
import { db } from "@/lib/db/client";
import { serverSideApply } from "@/lib/kube/apply";
import { adminApi, adminObjectApi } from "@/lib/kube/client";
import { createTeamWorkspace } from "@/lib/workspaces/create-workspace";
import {
  MEMBERS_NAMESPACE,
  MEMBERSHIP_ID_LABEL,
  WORKSPACE_ID_LABEL,
  workspaceNamespaceName,
} from "@/lib/tenancy/kube-names";
import { ignoreNotFound } from "@/lib/kube/status";
import { RETIRED_NETWORK_POLICIES } from "@/lib/tenancy/network-policies";
import { ensurePlatformObjects } from "@/lib/tenancy/provision-workspace";
import { workspaceBundle, type PlanLimits } from "@/lib/tenancy/workspace-bundle";
import { atMost, summarize } from "./stats";
import {
  deleteBenchObjects,
  resetBenchDatabase,
  seedWorkspaceRows,
  tag,
  timed,
  type Benchmark,
  type Figure,
} from "./support";

// From the request to a usable namespace: createTeamWorkspace end to end (limit check,
// rows and audit event in one transaction, the whole bundle applied, status READY),
// against the floor of issuing the same Kubernetes calls directly.

const SIZES = {
  smoke: { warmup: 2, runs: 5, existing: 100 },
  full: { warmup: 5, runs: 50, existing: 10_000 },
};

const TEAM_PLAN = "team";

/** The product's work, timed; the row is removed afterwards so the count of existing workspaces stays put. */
async function productRun(): Promise<number> {
  const t = tag();
  const user = await db().user.create({
    data: { name: `Bench ${t}`, email: `bench-${t}@bench.canopy.test`, emailVerified: new Date() },
  });
  let slug = "";
  const ms = await timed(async () => {
    ({ slug } = await createTeamWorkspace({ userId: user.id }, { displayName: `Bench ${t}`, slug: `bench-${t}` }));
  });
  const row = await db().workspace.findUniqueOrThrow({ where: { slug }, select: { id: true, status: true } });
  // createTeamWorkspace logs and swallows provisioning errors (the reconciler retries); a
  // benchmark must not time a failure as a success.
  if (row.status !== "READY") throw new Error(`workspace ${slug} is ${row.status} after createTeamWorkspace`);
  await db().$executeRaw`DELETE FROM workspaces WHERE id = ${row.id}`;
  await db().$executeRaw`DELETE FROM users WHERE id = ${user.id}`;
  return ms;
}

/**
 * The floor: the same objects, applied with the admin client in the product's order and
 * concurrency (namespace, then the rest in parallel beside the deletion of retired
 * policies, then the two prune listings), with no PostgreSQL at all.
 */
async function floorRun(plan: PlanLimits): Promise<number> {
  const t = tag();
  const workspaceId = `floor-${t}`;
  const namespace = workspaceNamespaceName(`bench-floor-${t}`);
  const objects = workspaceBundle({
    workspaceId,
    namespace,
    plan,
    members: [{ membershipId: `floor-m-${t}`, role: "OWNER" }],
    publicHosts: [],
    held: false,
  });
  return timed(async () => {
    const client = adminObjectApi();
    await serverSideApply(client, objects.slice(0, 1));
    const networking = adminApi(k8s.NetworkingV1Api);
    await Promise.all([
      ...objects.slice(1).map((object) => serverSideApply(client, [object])),
      ...RETIRED_NETWORK_POLICIES.map((name) =>
        ignoreNotFound(networking.deleteNamespacedNetworkPolicy({ name, namespace })),
      ),
    ]);
    const selector = `${WORKSPACE_ID_LABEL}=${workspaceId},${MEMBERSHIP_ID_LABEL}`;
    await Promise.all([
      adminApi(k8s.CoreV1Api).listNamespacedServiceAccount({ namespace: MEMBERS_NAMESPACE, labelSelector: selector }),
      adminApi(k8s.RbacAuthorizationV1Api).listNamespacedRoleBinding({ namespace, labelSelector: selector }),
    ]);
  });
}

/** Warm-up, then `runs` pairs; product and floor alternate who goes first, so drift hits both alike. */
async function measure(plan: PlanLimits, warmup: number, runs: number) {
  for (let i = 0; i < warmup; i++) {
    await productRun();
    await floorRun(plan);
  }
  const product: number[] = [];
  const floor: number[] = [];
  for (let i = 0; i < runs; i++) {
    if (i % 2 === 0) {
      product.push(await productRun());
      floor.push(await floorRun(plan));
    } else {
      floor.push(await floorRun(plan));
      product.push(await productRun());
    }
  }
  return { product, floor };
}

export const benchmark: Benchmark = {
  name: "workspace-provisioning",
  description: "createTeamWorkspace end to end (rows + whole bundle on the cluster) vs the bare Kubernetes calls",
  async run(size, log) {
    const { warmup, runs, existing } = SIZES[size];
    await resetBenchDatabase();
    const plan = await db().plan.findUniqueOrThrow({ where: { id: TEAM_PLAN } });
    await ensurePlatformObjects();
    try {
      await seedWorkspaceRows(1, 1, TEAM_PLAN);
      log(`1 existing workspace: ${warmup} warm-up + ${runs} measured runs`);
      const one = await measure(plan, warmup, runs);

      log(`seeding ${existing} workspaces (rows only)`);
      const seedMs = await timed(() => seedWorkspaceRows(2, existing, TEAM_PLAN));
      log(`seeded in ${(seedMs / 1000).toFixed(1)} s; ${warmup} warm-up + ${runs} measured runs`);
      const many = await measure(plan, warmup, runs);

      const targets = { p50: 100, p99: 300, floorRatio: 1.5 };
      const figures: Figure[] = [
        {
          name: "createTeamWorkspace, 1 existing",
          samples: one.product,
          targets,
          floor: { name: "bare Kubernetes calls", samples: one.floor },
        },
        {
          name: `createTeamWorkspace, ${existing} existing`,
          samples: many.product,
          targets,
          floor: { name: "bare Kubernetes calls", samples: many.floor },
        },
      ];
      const slowdown = summarize(many.product).p50 / summarize(one.product).p50;
      return {
        figures,
        checks: [atMost(`p50 with ${existing} vs 1 existing ≤ 1.2×`, slowdown, 1.2)],
        params: { warmup, runs, existingWorkspaces: existing, seedSeconds: seedMs / 1000, plan: TEAM_PLAN },
        notes: [
          "Each run creates a fresh user, then times createTeamWorkspace; the workspace's rows are deleted after each run (untimed) so the number of existing workspaces stays fixed.",
          "The floor applies the same bundle (workspaceBundle) with the admin client: namespace first, the rest in parallel beside the deletion of retired policies, then the two listings provisionWorkspace uses to prune former members.",
        ],
      };
    } finally {
      const deleted = await deleteBenchObjects();
      log(`deleted ${deleted} bench namespaces`);
    }
  },
};
