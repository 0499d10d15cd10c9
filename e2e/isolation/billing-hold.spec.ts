import * as k8s from "@kubernetes/client-node";
import { expect, test } from "@playwright/test";
import { enforcementPass } from "@/lib/billing/enforcement";
import { SUSPENDED_REPLICAS_ANNOTATION } from "@/lib/billing/suspend-runtimes";
import { db } from "@/lib/db/client";
import { adminApi } from "@/lib/kube/client";
import { MANAGED_BY, MANAGED_BY_LABEL, QUOTA_NAME } from "@/lib/tenancy/kube-names";
import { reconcileAll } from "@/lib/tenancy/reconcile";
import { syncPublicHosts } from "@/lib/tenancy/sync-public-hosts";
import { eventually } from "../../tests/support/kube";
import { apiPath, MERGE_PATCH, type MemberKube } from "./fixtures/kube";
import { expectAllowed, expectForbiddenByRbac, RefusalTable } from "./fixtures/refusals";
import {
  addMembers,
  downloadKubeconfig,
  openPortal,
  removeWorkspaces,
  teamWorkspace,
  type Portal,
  type TestWorkspace,
} from "./fixtures/workspaces";
import { create, expectCreated, livePods, resume, runningPods, suspend, workload, workloadState } from "./workloads";

// A billing hold holds in the cluster, not only in the portal. A developer's downloaded
// kubeconfig makes workloads of every kind (none with Canopy's labels but one); the
// workspace runs out of credit and the enforcement pass suspends it. From then on nothing
// the member does with kubectl makes it consume compute, tampering with the hold is undone
// by the reconciler, and resuming restores exactly what ran before. Each refusal has a
// positive control: the same request before the hold or after it is accepted.

test.describe.configure({ mode: "serial" });

// Every refusal names the policy that said no, then why.
const HELD = "denied request: this workspace is suspended (billing hold): ";

let portal: Portal;
let workspace: TestWorkspace | undefined;
let kube: MemberKube;
let namespace: string;
let before: Awaited<ReturnType<typeof workloadState>>;
let racerRecord: number | undefined;

const path = (group: string, resource: string, name?: string, subresource?: string) =>
  apiPath(group, resource, { namespace, name, subresource });
const scaleTo = (group: string, resource: string, name: string, replicas: number) =>
  kube.request("PATCH", path(group, resource, name, "scale"), { spec: { replicas } }, MERGE_PATCH);
const patch = (group: string, resource: string, name: string, body: unknown) =>
  kube.request("PATCH", path(group, resource, name), body, MERGE_PATCH);

test.beforeAll(async ({ playwright }, testInfo) => {
  test.setTimeout(180_000);
  portal = await openPortal(playwright, testInfo);
  workspace = await teamWorkspace(portal, "hold");
  namespace = workspace.namespace;
  const [developer] = await addMembers(portal, workspace, ["DEVELOPER"]);
  kube = (await downloadKubeconfig(portal, workspace.slug, developer!)).kube;
});

test.afterAll(async () => {
  await removeWorkspaces([workspace]);
});

test("before the hold, a member's kubectl starts workloads of every kind (the positive controls)", async () => {
  test.setTimeout(180_000);
  const made = [
    workload.deployment("plain", 2),
    workload.deployment("zero", 0),
    workload.deployment("racer", 1),
    // Labelled like a runtime the portal made: the one kind the old suspension knew.
    workload.deployment("web", 1, { [MANAGED_BY_LABEL]: MANAGED_BY, "canopy.dev/runtime": "web" }),
    workload.statefulSet("sts", 1),
    workload.replicaSet("rs", 1),
    workload.replicationController("rc", 1),
    workload.job("job"),
    workload.cronJob("cron"),
    workload.pod("bare"),
  ];
  for (const w of made) expectCreated(await create(kube, w), `create ${w.resource}`);
  const claim = {
    apiVersion: "v1",
    kind: "PersistentVolumeClaim",
    metadata: { name: "data" },
    spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "1Gi" } } },
  };
  expectCreated(await kube.request("POST", path("", "persistentvolumeclaims"), claim), "create claim");
  // plain 2, racer, web, sts, rs, rc, job, bare: 9 pods on the real node.
  await eventually("9 pods running", async () => ((await runningPods(namespace)) === 9 ? true : undefined), 150_000);
  // The racer's replicas change in the race below; it is compared with its record instead.
  before = await workloadState(namespace);
  delete before.deployments.racer;
});

test("suspension stops every kind of workload, whatever its labels, even while the member scales up concurrently", async () => {
  test.setTimeout(180_000);
  // Four lanes of scale-ups race the enforcement pass.
  let stop = false;
  const outcomes: number[] = [];
  const lanes = Array.from({ length: 4 }, async (_, lane) => {
    for (let i = 0; !stop; i++)
      outcomes.push((await scaleTo("apps", "deployments", "racer", 1 + ((lane + i) % 2))).status);
  });
  await suspend(workspace!);
  stop = true;
  await Promise.all(lanes);
  // The race was real: scale-ups went through before the hold was in force, and were refused after.
  expect(outcomes).toContain(200);
  expect(outcomes).toContain(403);
  // Once the pass has returned, the hold is in force: the next scale-up is refused.
  const late = await scaleTo("apps", "deployments", "racer", 2);
  expect(late.status, JSON.stringify(late.body)).toBe(403);

  await eventually(
    "no pod left running",
    async () => ((await livePods(namespace)).length === 0 ? true : undefined),
    90_000,
  );
  const held = await workloadState(namespace);
  expect(held).toEqual({
    deployments: { plain: 0, zero: 0, racer: 0, web: 0 },
    statefulSets: { sts: 0 },
    replicaSets: { rs: 0 },
    replicationControllers: { rc: 0 },
    jobs: { job: true },
    cronJobs: { cron: true },
    barePods: {},
  });
  // Storage is kept.
  const claim = await adminApi(k8s.CoreV1Api).readNamespacedPersistentVolumeClaim({ name: "data", namespace });
  expect(claim.metadata?.deletionTimestamp).toBeUndefined();
});

test("while suspended, nothing a member does with kubectl starts a pod", async () => {
  test.setTimeout(120_000);
  const refusals = new RefusalTable();
  const refused = async (key: string, response: Promise<Awaited<ReturnType<typeof create>>>) =>
    refusals.record(key, await response, HELD);

  await refused("create bare pod", create(kube, workload.pod("sneak")));
  await refused("create deployment", create(kube, workload.deployment("sneak", 1)));
  await refused("create statefulset", create(kube, workload.statefulSet("sneak", 1)));
  await refused("create replicaset", create(kube, workload.replicaSet("sneak", 1)));
  await refused("create replicationcontroller", create(kube, workload.replicationController("sneak", 1)));
  await refused("create job", create(kube, workload.job("sneak")));
  await refused("create cronjob", create(kube, workload.cronJob("sneak")));
  await refused("scale deployment", scaleTo("apps", "deployments", "plain", 3));
  await refused("scale statefulset", scaleTo("apps", "statefulsets", "sts", 1));
  await refused("scale replicaset", scaleTo("apps", "replicasets", "rs", 1));
  await refused("patch deployment replicas", patch("apps", "deployments", "plain", { spec: { replicas: 2 } }));
  await refused("patch replicationcontroller", patch("", "replicationcontrollers", "rc", { spec: { replicas: 1 } }));
  await refused("unsuspend job", patch("batch", "jobs", "job", { spec: { suspend: false } }));
  await refused("unsuspend cronjob", patch("batch", "cronjobs", "cron", { spec: { suspend: false } }));
  const current = await kube.request("GET", path("apps", "deployments", "web"));
  const body = current.body as { spec: Record<string, unknown> };
  await refused(
    "replace deployment",
    kube.request("PUT", path("apps", "deployments", "web"), { ...body, spec: { ...body.spec, replicas: 1 } }),
  );
  expect(refusals.size).toBe(15);
  refusals.verify();

  // The hold itself is the platform's: the namespace label and the quota are out of reach.
  const label = await kube.request(
    "PATCH",
    apiPath("", "namespaces", { name: namespace }),
    {
      metadata: { labels: { "canopy.dev/billing-hold": null } },
    },
    MERGE_PATCH,
  );
  expectForbiddenByRbac(label, kube, { verb: "patch", resource: "namespaces", group: "", namespace }, "unlabel");
  const quota = await patch("", "resourcequotas", QUOTA_NAME, { spec: { hard: { pods: "100" } } });
  expectForbiddenByRbac(quota, kube, { verb: "patch", resource: "resourcequotas", group: "", namespace }, "quota");

  // What cannot start anything stays allowed, including rewriting the annotations and
  // labels Canopy once used to remember what it suspended: they no longer decide anything.
  expectCreated(await create(kube, workload.deployment("idle", 0)), "create a deployment with 0 replicas");
  expectCreated(await create(kube, workload.job("later", true)), "create a suspended job");
  expectAllowed(await scaleTo("apps", "deployments", "plain", 0), "scale to 0");
  expectAllowed(
    await patch("apps", "deployments", "plain", {
      metadata: { annotations: { [SUSPENDED_REPLICAS_ANNOTATION]: "9" } },
    }),
    "rewrite the suspended-replicas annotation",
  );
  expectAllowed(
    await patch("apps", "deployments", "web", {
      metadata: { labels: { [MANAGED_BY_LABEL]: null, "canopy.dev/runtime": null } },
    }),
    "drop Canopy's labels",
  );
  for (const w of [workload.deployment("idle", 0), workload.job("later", true)]) {
    const name = (w.body.metadata as { name: string }).name;
    expectAllowed(await kube.request("DELETE", path(w.group, w.resource, name)), `delete ${name}`);
  }

  // Portal paths that apply the namespace again (a public host reserved, a kubeconfig
  // issued) keep the hold: it comes from PostgreSQL, not from whoever applies last.
  await syncPublicHosts(workspace!.id);
  await downloadKubeconfig(portal, workspace!.slug, workspace!.owner);
  const again = await scaleTo("apps", "deployments", "plain", 2);
  expect(again.body.message, JSON.stringify(again.body)).toContain(HELD);

  expect(await livePods(namespace)).toEqual([]);
  const quotaNow = await adminApi(k8s.CoreV1Api).readNamespacedResourceQuota({ name: QUOTA_NAME, namespace });
  expect(quotaNow.status?.hard?.pods).toBe("0");
});

test("the reconciler restores a hold that was tampered with", async () => {
  test.setTimeout(120_000);
  const core = adminApi(k8s.CoreV1Api);
  const merge = k8s.setHeaderOptions("Content-Type", k8s.PatchStrategy.MergePatch);
  // What a tenant cannot do, an operator's mistake or a broken admission path could:
  // the hold's label and quota go, and a suspended Deployment is scaled back up.
  await core.patchNamespace(
    { name: namespace, body: { metadata: { labels: { "canopy.dev/billing-hold": null } } } },
    merge,
  );
  await core.patchNamespacedResourceQuota(
    { name: QUOTA_NAME, namespace, body: { spec: { hard: { pods: "100" } } } },
    merge,
  );
  await eventually("the quota to allow pods again", async () => {
    const quota = await core.readNamespacedResourceQuota({ name: QUOTA_NAME, namespace });
    return quota.status?.hard?.pods === "100" ? true : undefined;
  });
  await eventually("the hold policy to stop applying", async () =>
    (await scaleTo("apps", "deployments", "plain", 3)).status === 200 ? true : undefined,
  );
  await eventually("a pod running again", async () => ((await runningPods(namespace)) > 0 ? true : undefined), 90_000);

  const summary = await reconcileAll();
  expect(summary.failed).toEqual([]);
  const ns = await core.readNamespace({ name: namespace });
  expect(ns.metadata?.labels?.["canopy.dev/billing-hold"]).toBeDefined();
  expect((await core.readNamespacedResourceQuota({ name: QUOTA_NAME, namespace })).spec?.hard?.pods).toBe("0");

  await enforcementPass(new Date(), { graceMinutes: 0, workspaceIds: [workspace!.id] }); // the worker's next pass
  await eventually(
    "no pod left running",
    async () => ((await livePods(namespace)).length === 0 ? true : undefined),
    90_000,
  );
  const plain = await adminApi(k8s.AppsV1Api).readNamespacedDeployment({ name: "plain", namespace });
  expect(plain.spec?.replicas).toBe(0);
  expect(plain.metadata?.annotations?.[SUSPENDED_REPLICAS_ANNOTATION]).toBe(String(before.deployments.plain));
  // What ran before the hold is remembered in PostgreSQL, not on the Deployment.
  const records = await db().heldWorkload.findMany({ where: { workspaceId: workspace!.id } });
  const replicasOf = (kind: string, name: string) => records.find((r) => r.kind === kind && r.name === name)?.replicas;
  expect(replicasOf("DEPLOYMENT", "plain")).toBe(before.deployments.plain);
  racerRecord = replicasOf("DEPLOYMENT", "racer") ?? undefined;
  expect([1, 2]).toContain(racerRecord);
});

test("resuming restores exactly what ran before, and the refused requests are accepted again", async () => {
  test.setTimeout(180_000);
  await resume(workspace!);
  const after = await workloadState(namespace);
  const { racer, ...deployments } = after.deployments;
  expect({ ...after, deployments }).toEqual(before);
  expect(racer).toBe(racerRecord);
  const pods = 8 + racerRecord!;
  await eventually(
    `${pods} pods running`,
    async () => ((await runningPods(namespace)) === pods ? true : undefined),
    150_000,
  );
  const plain = await adminApi(k8s.AppsV1Api).readNamespacedDeployment({ name: "plain", namespace });
  expect(plain.metadata?.annotations?.[SUSPENDED_REPLICAS_ANNOTATION]).toBeUndefined();
  expect(await db().heldWorkload.count({ where: { workspaceId: workspace!.id } })).toBe(0);

  // The positive controls of the refusals: the same requests now go through.
  expectAllowed(await scaleTo("apps", "deployments", "plain", 3), "scale deployment");
  expectAllowed(await scaleTo("apps", "deployments", "plain", 2), "scale deployment back");
  expectAllowed(await patch("", "replicationcontrollers", "rc", { spec: { replicas: 1 } }), "patch rc");
  expectCreated(await create(kube, workload.job("again")), "create job");
  expectCreated(await create(kube, workload.pod("again")), "create pod");
});
