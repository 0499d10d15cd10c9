import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { authorizeWorkspace } from "@/lib/authz/guard";
import { env } from "@/lib/config/env";
import { db } from "@/lib/db/client";
import { grantCredit } from "@/lib/billing/credits";
import { assertWorkspaceCanStartRuntimes, enforcementPass } from "@/lib/billing/enforcement";
import { setBudget, setBudgetInput } from "@/lib/billing/set-budget";
import { standingOf } from "@/lib/billing/standing";
import { SUSPENDED_REPLICAS_ANNOTATION } from "@/lib/billing/suspend-runtimes";
import { writeUsage } from "@/lib/metering/write-usage";
import { MANAGED_BY, MANAGED_BY_LABEL } from "@/lib/tenancy/kube-names";
import { eventually } from "../../support/kube";
import { apps, billedWorkspace, core, podSpec } from "../metering/support";
import { rowsFor } from "./support";
import { addMinutes, floorMinute } from "@/lib/time/utc";

// Balance and budgets against PostgreSQL and the real API server: a zero balance refuses new
// runtimes, then (after the grace period) scales running ones to zero, and credit brings them
// back; a hard budget does the same; alerts fire once per threshold.

async function deployment(namespace: string, name: string, replicas: number) {
  await apps.createNamespacedDeployment({
    namespace,
    body: {
      metadata: { name, labels: { [MANAGED_BY_LABEL]: MANAGED_BY } },
      spec: {
        replicas,
        selector: { matchLabels: { app: name } },
        template: { metadata: { labels: { app: name, "canopy.dev/runtime": name } }, spec: podSpec("100m", "64Mi") },
      },
    },
  });
}

async function runningPods(namespace: string, name: string): Promise<number> {
  const pods = await core.listNamespacedPod({ namespace, labelSelector: `app=${name}` });
  return pods.items.filter((p) => p.status?.phase === "Running" && !p.metadata?.deletionTimestamp).length;
}

const audits = async (workspaceId: string) =>
  (
    await db().auditEvent.findMany({
      where: { workspaceId, action: { startsWith: "billing." } },
      orderBy: { id: "asc" },
    })
  ).map((e) => e.action);

describe("balance and enforcement", () => {
  it("refuses new runtimes at zero balance, suspends running ones after the grace period, resumes on credit", async () => {
    const { workspace, slug, namespace } = await billedWorkspace("broke");
    await deployment(namespace, "web", 2);
    await eventually("two pods running", async () => ((await runningPods(namespace, "web")) === 2 ? true : undefined));

    const fresh = await standingOf(workspace.id);
    expect(fresh.credits).toBe(env().CANOPY_SIGNUP_CREDIT_MICROS); // the sign-up credit, once
    expect((await standingOf(workspace.id)).credits).toBe(fresh.credits);
    // Reading counts the sign-up credit without writing it; the enforcement pass writes it.
    const signups = () => db().creditEntry.count({ where: { workspaceId: workspace.id, kind: "SIGNUP" } });
    expect(await signups()).toBe(0);
    await expect(assertWorkspaceCanStartRuntimes(workspace.id)).resolves.toBeUndefined();

    await grantCredit({
      workspaceSlug: slug,
      kind: "ADJUSTMENT",
      amountMicros: -fresh.balance,
      note: "test: use it all",
      grantedBy: "test",
    });
    expect((await standingOf(workspace.id)).balance).toBe(0n);
    await expect(assertWorkspaceCanStartRuntimes(workspace.id)).rejects.toMatchObject({
      code: "LIMIT_REACHED",
      userMessage: expect.stringMatching(/no credit left/),
    });

    const now = new Date();
    const held = await enforcementPass(now, { graceMinutes: 10, workspaceIds: [workspace.id] });
    expect(held.held).toEqual([workspace.id]);
    expect(await signups()).toBe(1);
    expect((await standingOf(workspace.id)).balance).toBe(0n);
    expect(held.suspended).toEqual([]);
    expect((await apps.readNamespacedDeployment({ name: "web", namespace })).spec?.replicas).toBe(2);

    const later = await enforcementPass(addMinutes(now, 11), { graceMinutes: 10, workspaceIds: [workspace.id] });
    expect(later.suspended).toEqual([workspace.id]);
    const suspended = await apps.readNamespacedDeployment({ name: "web", namespace });
    expect(suspended.spec?.replicas).toBe(0);
    expect(suspended.metadata?.annotations?.[SUSPENDED_REPLICAS_ANNOTATION]).toBe("2");
    await eventually("pods stopped", async () => ((await runningPods(namespace, "web")) === 0 ? true : undefined));

    await grantCredit({ workspaceSlug: slug, amountMicros: 10_000_000n, note: "test top-up", grantedBy: "test" });
    const resumed = await enforcementPass(addMinutes(now, 12), { graceMinutes: 10, workspaceIds: [workspace.id] });
    expect(resumed.resumed).toEqual([workspace.id]);
    const back = await apps.readNamespacedDeployment({ name: "web", namespace });
    expect(back.spec?.replicas).toBe(2);
    expect(back.metadata?.annotations?.[SUSPENDED_REPLICAS_ANNOTATION]).toBeUndefined();
    await eventually("pods running again", async () =>
      (await runningPods(namespace, "web")) === 2 ? true : undefined,
    );
    await expect(assertWorkspaceCanStartRuntimes(workspace.id)).resolves.toBeUndefined();
    expect(await db().billingHold.findUnique({ where: { workspaceId: workspace.id } })).toBeNull();
    expect(await audits(workspace.id)).toEqual([
      "billing.credit",
      "billing.hold",
      "billing.suspend",
      "billing.credit",
      "billing.resume",
    ]);
  });

  it("alerts once at 50, 80 and 100 percent of the budget, and a hard budget refuses new runtimes", async () => {
    const { workspace, slug, owner } = await billedWorkspace("budget");
    // Ten minutes of three vCPUs just now: 0.001 a minute at the team plan's seeded 0.02 per vCPU-hour.
    const start = addMinutes(floorMinute(new Date()), -12);
    await writeUsage(
      rowsFor(
        workspace.id,
        { objectUid: `uid-${randomBytes(6).toString("hex")}`, resource: "CPU", quantity: 3000n, runtimeName: "web" },
        start,
        10,
      ),
    );
    const cost = (await standingOf(workspace.id)).monthCost;
    expect(cost).toBe(10_000n);

    const context = await authorizeWorkspace({ userId: owner.id }, slug, "workspace.read");
    await setBudget(context, setBudgetInput.parse({ amount: "0.0125", hardLimit: "on" })); // 80 %
    const first = await enforcementPass(new Date(), { graceMinutes: 60, workspaceIds: [workspace.id] });
    expect(first.alerts).toBe(2);
    expect(first.held).toEqual([]);
    const again = await enforcementPass(new Date(), { graceMinutes: 60, workspaceIds: [workspace.id] });
    expect(again.alerts).toBe(0);

    await setBudget(context, setBudgetInput.parse({ amount: "0.009", hardLimit: "on" })); // 111 %
    const over = await enforcementPass(new Date(), { graceMinutes: 60, workspaceIds: [workspace.id] });
    expect(over.alerts).toBe(1);
    expect(over.held).toEqual([workspace.id]);
    await expect(assertWorkspaceCanStartRuntimes(workspace.id)).rejects.toMatchObject({
      code: "LIMIT_REACHED",
      userMessage: expect.stringMatching(/hard monthly budget/),
    });
    const alerts = await db().budgetAlert.findMany({
      where: { workspaceId: workspace.id },
      orderBy: { threshold: "asc" },
    });
    expect(alerts.map((a) => a.threshold)).toEqual([50, 80, 100]);
    const mail = await db().outboundEmail.findMany({ where: { to: owner.email! }, orderBy: { createdAt: "asc" } });
    expect(mail.map((m) => m.subject)).toEqual([
      expect.stringContaining("50% of the monthly budget"),
      expect.stringContaining("80% of the monthly budget"),
      expect.stringContaining("100% of the monthly budget"),
    ]);

    // A soft budget only alerts.
    await setBudget(context, setBudgetInput.parse({ amount: "0.009" }));
    const soft = await enforcementPass(new Date(), { graceMinutes: 60, workspaceIds: [workspace.id] });
    expect(soft.held).toEqual([]);
    await expect(assertWorkspaceCanStartRuntimes(workspace.id)).resolves.toBeUndefined();
  });
});
