import * as k8s from "@kubernetes/client-node";
import { expect, test, type Page } from "@playwright/test";
import pg from "pg";
import { adminApi } from "@/lib/kube/client";
import { addMinutes, floorMinute } from "@/lib/time/utc";
import { statusOf } from "@/lib/kube/status";
import { eventually, kubeConfigWithToken } from "../tests/support/kube";
import { sandboxedPod, stackImage } from "../tests/support/real-node";
import { createWorkspaceInBrowser, submitDevSignIn } from "./support/fixtures";
import { installCanopy, type Installation } from "./support/in-cluster";

// Canopy as an operator installs it: the Helm chart with the image of this build, on the
// real node, the portal behind the ingress controller, two worker replicas electing a
// leader on a Lease. A developer signs in and creates a workspace in a browser; the
// leading worker is killed, the other takes over, and the usage ledger holds every minute
// of a running pod exactly once across the takeover.

test.describe.configure({ mode: "serial" });

const core = () => adminApi(k8s.CoreV1Api);
let canopy: Installation | undefined;
const slug = `incluster-${Date.now().toString(36)}`;

async function query<T extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: canopy!.databaseUrl });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

async function workers(): Promise<k8s.V1Pod[]> {
  const pods = await core().listNamespacedPod({
    namespace: canopy!.namespace,
    labelSelector: "app.kubernetes.io/component=worker",
  });
  return pods.items.filter((p) => p.status?.phase === "Running" && !p.metadata?.deletionTimestamp);
}

async function leaseHolder(): Promise<string | undefined> {
  const lease = await adminApi(k8s.CoordinationV1Api).readNamespacedLease({
    name: "canopy-worker",
    namespace: canopy!.namespace,
  });
  return lease.spec?.holderIdentity || undefined;
}

/** The worker's own gauge of whether it holds the Lease, from its /metrics. */
async function leaseActive(pod: k8s.V1Pod): Promise<number | undefined> {
  const response = await fetch(`http://${pod.status!.podIP}:9090/metrics`).catch(() => undefined);
  const match = /^canopy_worker_lease_active(?:\{[^}]*\})? (\d+)$/m.exec((await response?.text()) ?? "");
  return match ? Number(match[1]) : undefined;
}

async function signIn(page: Page) {
  await page.goto("/dashboard");
  // The button works once the page has hydrated: click until the provider's form shows.
  const username = page.getByLabel("Username");
  await expect(async () => {
    if (!(await username.isVisible())) {
      await page.getByRole("button", { name: "Continue with Development sign-in" }).click({ timeout: 2_000 });
    }
    await expect(username).toBeVisible({ timeout: 3_000 });
  }).toPass({ timeout: 60_000 });
  await submitDevSignIn(page, "alice");
  await expect(page).toHaveURL(/\/dashboard$/);
}

test.beforeAll(async () => {
  test.setTimeout(20 * 60_000);
  canopy = await installCanopy();
});

test.afterAll(async () => {
  test.setTimeout(5 * 60_000);
  await canopy?.uninstall();
});

test("a developer signs in through the installed portal and gets a workspace on the cluster", async ({ browser }) => {
  test.setTimeout(5 * 60_000);
  const context = await browser.newContext({ baseURL: canopy!.url });
  const page = await context.newPage();
  await signIn(page);
  await createWorkspaceInBrowser(page, { slug, name: "In-cluster team" });

  // The in-cluster portal provisioned it, as its own installation (instance = release).
  const namespace = await core().readNamespace({ name: `ws-${slug}` });
  expect(namespace.metadata?.labels).toMatchObject({
    "canopy.dev/instance": canopy!.release,
    "pod-security.kubernetes.io/enforce": "restricted",
  });
  const [row] = await query<{ status: string }>("SELECT status::text FROM workspaces WHERE slug = $1", [slug]);
  expect(row?.status).toBe("READY");
  await context.close();
});

test("exactly one worker leads; when it dies the other takes over and meters every minute once", async () => {
  test.setTimeout(12 * 60_000);
  const namespace = `ws-${slug}`;
  const running = await eventually("two running workers", async () => {
    const pods = await workers();
    return pods.length === 2 ? pods : undefined;
  });
  const holder = await eventually("a Lease holder", leaseHolder);
  const leaders = running.filter((p) => holder.startsWith(`${p.metadata!.name}_`));
  expect(leaders).toHaveLength(1);
  const leader = leaders[0]!;
  const standby = running.find((p) => p !== leader)!;
  expect(await eventually("the leader's gauge", () => leaseActive(leader))).toBe(1);
  expect(await eventually("the standby's gauge", () => leaseActive(standby))).toBe(0);

  // Something to meter: a pod in the workspace, sandboxed on the real node.
  await core().createNamespacedPod({
    namespace,
    body: sandboxedPod("metered", stackImage("pause:3.10.1"), { labels: { "canopy.dev/runtime": "metered" } }),
  });
  const pod = await eventually(
    "the metered pod running",
    async () => {
      const p = await core().readNamespacedPod({ name: "metered", namespace });
      return p.status?.containerStatuses?.[0]?.state?.running ? p : undefined;
    },
    120_000,
  );
  const started = new Date(pod.status!.containerStatuses![0]!.state!.running!.startedAt!);
  const firstBilledMinute = floorMinute(started); // billed from the minute it started in
  const minutes = async () =>
    query<{ minute: Date; resource: string; recorded_at: Date }>(
      `SELECT minute, resource::text, recorded_at FROM usage_minutes
        WHERE object_uid = $1 AND resource IN ('CPU', 'MEMORY') ORDER BY minute, resource`,
      [pod.metadata!.uid],
    );
  await eventually(
    "the leader metered the pod",
    async () => ((await minutes()).length > 0 ? true : undefined),
    180_000,
  );

  // The leader's pod is deleted at once (grace period 0); the standby takes the Lease over.
  await core().deleteNamespacedPod({
    name: leader.metadata!.name!,
    namespace: canopy!.namespace,
    gracePeriodSeconds: 0,
  });
  const killedAt = Date.now();
  const newHolder = await eventually(
    "the standby holds the Lease",
    async () => ((await leaseHolder())?.startsWith(`${standby.metadata!.name}_`) ? leaseHolder() : undefined),
    90_000,
  );
  console.log(`takeover ${Date.now() - killedAt} ms after the leader was killed (${newHolder})`);
  expect(await leaseActive(standby)).toBe(1);
  const [term] = await query<{ term: string; holder: string }>(
    "SELECT term::text, holder FROM leader_terms WHERE name = 'canopy-worker'",
  );
  expect(Number(term!.term)).toBeGreaterThanOrEqual(2);
  expect(term!.holder.startsWith(`${standby.metadata!.name}_`)).toBe(true);

  // The new leader meters on past the takeover; every minute once per resource, no gap.
  const through = floorMinute(new Date(Date.now() + 60_000));
  const rows = await eventually(
    "minutes metered past the takeover",
    async () => {
      const all = await minutes();
      return all.some((r) => r.minute.getTime() >= through.getTime()) ? all : undefined;
    },
    240_000,
  );
  const last = rows.at(-1)!.minute;
  const expected: string[] = [];
  for (let m = firstBilledMinute; m <= last; m = addMinutes(m, 1)) {
    expected.push(`${m.toISOString()} CPU`, `${m.toISOString()} MEMORY`);
  }
  expect(rows.map((r) => `${r.minute.toISOString()} ${r.resource}`)).toEqual(expected);
  expect(rows.some((r) => r.recorded_at.getTime() < killedAt)).toBe(true);
  expect(rows.some((r) => r.recorded_at.getTime() > killedAt)).toBe(true);
  await core().deleteNamespacedPod({ name: "metered", namespace, gracePeriodSeconds: 0 });
});

test("Canopy's own identity changes only its own workspace namespaces", async () => {
  const portal = (
    await core().listNamespacedPod({
      namespace: canopy!.namespace,
      labelSelector: "app.kubernetes.io/component=portal",
    })
  ).items[0]!;
  const serviceAccount = portal.spec!.serviceAccountName!;
  const token = await core().createNamespacedServiceAccountToken({
    name: serviceAccount,
    namespace: canopy!.namespace,
    body: { spec: { audiences: [], expirationSeconds: 600 } },
  });
  const asCanopy = kubeConfigWithToken(token.status!.token);
  const coreAsCanopy = asCanopy.makeApiClient(k8s.CoreV1Api);
  const rbacAsCanopy = asCanopy.makeApiClient(k8s.RbacAuthorizationV1Api);
  const refusal = async (call: () => Promise<unknown>) => {
    try {
      await call();
      return "allowed";
    } catch (error) {
      const status = statusOf(error);
      return `${status?.code} ${status?.message}`;
    }
  };
  const role = (namespace: string) => () =>
    rbacAsCanopy.createNamespacedRole({
      namespace,
      body: { metadata: { name: "canopy-viewer" }, rules: [] },
      dryRun: "All",
    });
  const quota = (namespace: string) => () =>
    coreAsCanopy.createNamespacedResourceQuota({
      namespace,
      body: { metadata: { name: "canopy-quota" }, spec: { hard: { pods: "0" } } },
      dryRun: "All",
    });
  const deleteNamespace = (name: string) => () => coreAsCanopy.deleteNamespace({ name, dryRun: "All" });

  // A namespace that is nobody's workspace, and one of another installation (the tests' own).
  const stranger = `not-canopy-${canopy!.release.slice(-6)}`;
  await core().createNamespace({ body: { metadata: { name: stranger } } });
  const [otherInstallation] = (await core().listNamespace({ labelSelector: "canopy.dev/instance=test", limit: 1 }))
    .items;
  try {
    for (const namespace of [stranger, otherInstallation?.metadata?.name].filter((n): n is string => Boolean(n))) {
      expect(await refusal(deleteNamespace(namespace))).toMatch(
        /^403 .*may only create, change or delete its own workspace namespaces/,
      );
      expect(await refusal(role(namespace))).toMatch(/^403 .*may only change roles in its own workspace namespaces/);
      expect(await refusal(quota(namespace))).toMatch(
        /^403 .*may only change resourcequotas in its own workspace namespaces/,
      );
    }
    // The positive control: the same calls in this installation's own workspace namespace.
    const own = `ws-${slug}`;
    // Both exist already: a 409 comes from storage, after admission let the request through.
    expect(await refusal(role(own))).toMatch(/^409 /);
    expect(await refusal(quota(own))).toMatch(/^409 /);
    expect(await refusal(deleteNamespace(own))).toBe("allowed");
  } finally {
    await core().deleteNamespace({ name: stranger });
  }
});
