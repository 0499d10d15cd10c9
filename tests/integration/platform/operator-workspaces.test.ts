import { randomBytes } from "node:crypto";
import * as k8s from "@kubernetes/client-node";
import { describe, expect, it } from "vitest";
import type { PlatformContext } from "@/lib/authz/context";
import { authorizePlatform } from "@/lib/authz/platform-guard";
import { standingOf } from "@/lib/billing/standing";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { adminApi } from "@/lib/kube/client";
import { changePlanInput, changeWorkspacePlan } from "@/lib/platform/change-workspace-plan";
import { grantWorkspaceCredit, grantWorkspaceCreditInput } from "@/lib/platform/grant-workspace-credit";
import { clearQuotaOverride, setQuotaOverride, setQuotaOverrideInput } from "@/lib/platform/set-quota-override";
import { QUOTA_NAME } from "@/lib/tenancy/kube-names";
import { createPlatformAdmin, createUser, teamWorkspace } from "../../support/factories";
import { testPlan } from "../billing/support";

// The operator's actions on one workspace, against the real database and API server: each is
// refused ("not found") to a signed-in user who is not an administrator and to the
// workspace's own owner, and done for an administrator (the positive control), audited in the
// platform's log and the workspace's. Suspension is in operator-suspension.test.ts.

const core = adminApi(k8s.CoreV1Api);

/** What the console's action builder does: the platform guard, then the domain function. */
async function asUser<R>(userId: string, act: (context: PlatformContext) => Promise<R>): Promise<R> {
  return act(await authorizePlatform({ userId }, "platform.workspaces.write"));
}

async function expectRefused(userIds: string[], act: (context: PlatformContext) => Promise<unknown>) {
  for (const userId of userIds) {
    const error = await asUser(userId, act).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("NOT_FOUND");
  }
}

const hard = async (namespace: string) =>
  (await core.readNamespacedResourceQuota({ name: QUOTA_NAME, namespace })).spec?.hard ?? {};

const platformEvents = (targetId: string) =>
  db().platformAuditEvent.findMany({ where: { targetId, outcome: "SUCCESS" }, orderBy: { id: "asc" } });
const workspaceEvents = async (workspaceId: string, prefix: string) =>
  (
    await db().auditEvent.findMany({ where: { workspaceId, action: { startsWith: prefix } }, orderBy: { id: "asc" } })
  ).map((e) => e.action);

async function people() {
  const t = await teamWorkspace({ prefix: "opws" });
  const admin = await createPlatformAdmin();
  const stranger = await createUser("Stranger");
  return { ...t, admin, refused: [stranger.id, t.owner.id] };
}

describe("the operator's workspace actions", () => {
  it("sets a quota override that changes the namespace's ResourceQuota at once, and clears it", async () => {
    const { workspace, namespace, admin, refused } = await people();
    const input = setQuotaOverrideInput.parse({ workspaceId: workspace.id, pods: "7", cpu: "3.5" });
    expect((await hard(namespace)).pods).toBe("100");

    await expectRefused(refused, (c) => setQuotaOverride(c, input));
    expect(await db().workspaceQuotaOverride.findUnique({ where: { workspaceId: workspace.id } })).toBeNull();
    expect((await hard(namespace)).pods).toBe("100");

    await asUser(admin.id, (c) => setQuotaOverride(c, input));
    const set = await hard(namespace);
    expect(set.pods).toBe("7");
    expect(set["requests.cpu"]).toBe("3500m");
    // A second override replaces the first: blank keys go back to the plan.
    await asUser(admin.id, (c) =>
      setQuotaOverride(c, setQuotaOverrideInput.parse({ workspaceId: workspace.id, pods: "9" })),
    );
    const replaced = await hard(namespace);
    expect(replaced.pods).toBe("9");
    expect(replaced["requests.cpu"]).not.toBe("3500m");

    await expectRefused(refused, (c) => clearQuotaOverride(c, { workspaceId: workspace.id }));
    expect((await hard(namespace)).pods).toBe("9");
    await asUser(admin.id, (c) => clearQuotaOverride(c, { workspaceId: workspace.id }));
    expect((await hard(namespace)).pods).toBe("100");
    expect((await platformEvents(workspace.id)).map((e) => e.action)).toEqual([
      "platform.workspace.quotaOverride",
      "platform.workspace.quotaOverride",
      "platform.workspace.quotaOverrideClear",
    ]);
    expect(await workspaceEvents(workspace.id, "quota.")).toEqual([
      "quota.override",
      "quota.override",
      "quota.overrideClear",
    ]);
  });

  it("refuses an override amount that is not a positive limit, naming the field", () => {
    const parsed = setQuotaOverrideInput.safeParse({ workspaceId: "w", pods: "0" });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]).toMatchObject({ path: ["pods"], message: "Pods must be more than zero." });
    const none = setQuotaOverrideInput.safeParse({ workspaceId: "w" });
    expect(none.error?.issues[0]?.path).toEqual(["amounts"]);
    expect(setQuotaOverrideInput.safeParse({ workspaceId: "w", pods: "3" }).success).toBe(true);
  });

  it("changes the plan, refusing one the workspace's current usage exceeds", async () => {
    const { workspace, namespace, admin, refused } = await people();
    for (const name of ["one", "two"]) {
      await core.createNamespacedService({
        namespace,
        body: { metadata: { name }, spec: { ports: [{ port: 80 }], selector: { app: name } } },
      });
    }
    const small = await testPlan([]);
    await db().plan.update({ where: { id: small }, data: { maxServices: 1 } });
    const roomy = await testPlan([]);
    await db().plan.update({ where: { id: roomy }, data: { maxServices: 4 } });
    // The quota controller counts the two services.
    for (let i = 0; ; i++) {
      const used = (await core.readNamespacedResourceQuota({ name: QUOTA_NAME, namespace })).status?.used?.services;
      if (used === "2") break;
      if (i > 300) throw new Error(`services used: ${used}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }

    const tooSmall = await asUser(admin.id, (c) =>
      changeWorkspacePlan(c, changePlanInput.parse({ workspaceId: workspace.id, planId: small })),
    ).catch((e: unknown) => e);
    expect(tooSmall).toBeInstanceOf(AppError);
    expect((tooSmall as AppError).fieldErrors?.planId?.[0]).toMatch(/Services: uses 2 services, .* allows 1 service/);
    expect((await db().workspace.findUniqueOrThrow({ where: { id: workspace.id } })).planId).toBe("team");

    const input = changePlanInput.parse({ workspaceId: workspace.id, planId: roomy });
    await expectRefused(refused, (c) => changeWorkspacePlan(c, input));
    expect((await db().workspace.findUniqueOrThrow({ where: { id: workspace.id } })).planId).toBe("team");
    expect(await asUser(admin.id, (c) => changeWorkspacePlan(c, input))).toEqual({ from: "team", to: roomy });
    expect((await db().workspace.findUniqueOrThrow({ where: { id: workspace.id } })).planId).toBe(roomy);
    expect((await hard(namespace)).services).toBe("4");
    expect(await workspaceEvents(workspace.id, "workspace.changePlan")).toEqual(["workspace.changePlan"]);
    expect((await platformEvents(workspace.id)).map((e) => e.action)).toEqual(["platform.workspace.changePlan"]);
  });

  it("grants credit with a reason, exactly once under a retried request", async () => {
    const { workspace, admin, refused } = await people();
    const before = (await standingOf(workspace.id)).balance;
    const input = grantWorkspaceCreditInput.parse({
      workspaceId: workspace.id,
      amount: "12.345678",
      reason: "Conference demo credit",
      requestKey: randomBytes(8).toString("hex"),
    });
    expect(input.amount).toBe(12_345_678n);

    await expectRefused(refused, (c) => grantWorkspaceCredit(c, input));
    const grants = () => db().creditEntry.findMany({ where: { workspaceId: workspace.id, kind: "GRANT" } });
    expect(await grants()).toEqual([]);

    // The same submission three times, two of them at once: one entry.
    const results = await Promise.all([
      asUser(admin.id, (c) => grantWorkspaceCredit(c, input)),
      asUser(admin.id, (c) => grantWorkspaceCredit(c, input)),
    ]);
    const again = await asUser(admin.id, (c) => grantWorkspaceCredit(c, input));
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(again.created).toBe(false);
    expect(new Set([...results, again].map((r) => r.entryId)).size).toBe(1);
    const entries = await grants();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ amountMicros: 12_345_678n, note: "Conference demo credit" });
    expect((await standingOf(workspace.id)).balance - before).toBe(12_345_678n);
    expect((await platformEvents(workspace.id)).map((e) => e.action)).toEqual(["platform.workspace.grantCredit"]);
    expect(await workspaceEvents(workspace.id, "billing.credit")).toEqual(["billing.credit"]);
  });

  it("refuses a credit amount that is not positive money, naming the field", () => {
    for (const amount of ["0", "-5", "1.2345678", "ten", "2000000"]) {
      const parsed = grantWorkspaceCreditInput.safeParse({
        workspaceId: "w",
        amount,
        reason: "valid reason",
        requestKey: "abcdefgh",
      });
      expect(parsed.error?.issues[0]?.path).toEqual(["amount"]);
    }
    const ok = grantWorkspaceCreditInput.safeParse({
      workspaceId: "w",
      amount: "$1,000.50",
      reason: "valid reason",
      requestKey: "abcdefgh",
    });
    expect(ok.data?.amount).toBe(1_000_500_000n);
  });
});
