import { randomBytes } from "node:crypto";
import * as k8s from "@kubernetes/client-node";
import { describe, expect, it } from "vitest";
import { authorizePlatform } from "@/lib/authz/platform-guard";
import type { PlatformContext } from "@/lib/authz/context";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { adminApi } from "@/lib/kube/client";
import { createPlanInput, updatePlanInput } from "@/lib/plans/plan-input";
import { createPlan, previewPlanChange, updatePlan } from "@/lib/plans/save-plan";
import { QUOTA_NAME } from "@/lib/tenancy/kube-names";
import { provisionWorkspace } from "@/lib/tenancy/provision-workspace";
import { parseInput } from "@/lib/validation/parse-input";
import { createPlatformAdmin, createUser, teamWorkspace } from "../../support/factories";

// Plans in the operator console: only administrators create or change them; every error
// names its field; a change that would put a workspace over its new quota is refused (the
// written rule, docs/architecture.md), and a saved change reaches the workspaces' ResourceQuota.

const FORM = {
  name: "Test plan",
  description: "",
  cpu: "2",
  memory: "4",
  storage: "20",
  pods: "20",
  volumes: "5",
  services: "10",
  allowedRuntimeClasses: "gvisor, simulated",
  defaultRuntimeClass: "",
  allowedStorageClasses: "standard",
  teamWorkspaceLimit: "",
  signupCredit: "",
};

async function adminContext(): Promise<PlatformContext> {
  return authorizePlatform({ userId: (await createPlatformAdmin()).id }, "platform.plans.write");
}

async function newPlan(context: PlatformContext, form: Partial<typeof FORM> = {}): Promise<string> {
  const planId = `plan-${randomBytes(4).toString("hex")}`;
  await createPlan(context, parseInput(createPlanInput, { ...FORM, ...form, planId }));
  return planId;
}

/** A team workspace moved onto the plan and applied, with its namespace. */
async function workspaceOn(planId: string) {
  const team = await teamWorkspace({ prefix: "plan" });
  await db().workspace.update({ where: { id: team.workspace.id }, data: { planId } });
  await provisionWorkspace(team.workspace.id);
  return team;
}

async function quotaHard(namespace: string): Promise<Record<string, string>> {
  const quota = await adminApi(k8s.CoreV1Api).readNamespacedResourceQuota({ name: QUOTA_NAME, namespace });
  return quota.spec?.hard ?? {};
}

describe("plans in the operator console", () => {
  it("refuses a non-administrator and a workspace owner (not found); an administrator creates a plan", async () => {
    const someone = await createUser("Someone");
    const { owner } = await teamWorkspace({ prefix: "plan-own" });
    for (const userId of [someone.id, owner.id]) {
      for (const permission of ["platform.plans.write", "platform.read"] as const) {
        const error = await authorizePlatform({ userId }, permission).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(AppError);
        expect((error as AppError).code).toBe("NOT_FOUND");
      }
      const denied = await db().platformAuditEvent.findMany({ where: { actorId: userId, outcome: "DENIED" } });
      expect(denied.map((e) => e.action)).toEqual(["platform.plans.write", "platform.read"]);
    }

    const context = await adminContext();
    const planId = await newPlan(context, { cpu: "2.5", teamWorkspaceLimit: "3", signupCredit: "12.5" });
    expect(await db().plan.findUniqueOrThrow({ where: { id: planId } })).toMatchObject({
      cpuMillis: 2500,
      memoryMiB: 4096,
      allowedRuntimeClasses: ["gvisor", "simulated"],
      defaultRuntimeClass: "gvisor",
      teamWorkspaceLimit: 3,
      signupCreditMicros: 12_500_000n,
    });
    const created = await db().platformAuditEvent.findFirstOrThrow({
      where: { actorId: context.actor.userId, action: "platform.plan.create" },
    });
    expect(created).toMatchObject({ outcome: "SUCCESS", targetType: "plan", targetId: planId });
  });

  it("names each field and its rule in a bad plan", () => {
    const bad = {
      ...FORM,
      planId: "Bad_Id",
      cpu: "1.2345",
      memory: "0",
      allowedRuntimeClasses: " , ",
      allowedStorageClasses: "Not Valid",
      teamWorkspaceLimit: "-1",
      signupCredit: "1.5.5",
    };
    const error = (() => {
      try {
        parseInput(createPlanInput, bad);
      } catch (e) {
        return e as AppError;
      }
    })();
    expect(Object.keys(error?.fieldErrors ?? {}).sort()).toEqual([
      "allowedRuntimeClasses",
      "allowedStorageClasses",
      "cpu",
      "memory",
      "planId",
      "signupCredit",
      "teamWorkspaceLimit",
    ]);
    expect(error?.fieldErrors?.cpu).toEqual([expect.stringContaining("at most 3 decimals")]);
    expect(error?.fieldErrors?.allowedRuntimeClasses).toEqual(["Name at least one runtime class."]);
    const wrongDefault = () => parseInput(updatePlanInput, { ...FORM, planId: "team", defaultRuntimeClass: "runc" });
    expect(wrongDefault).toThrow(AppError);
    try {
      wrongDefault();
    } catch (e) {
      expect((e as AppError).fieldErrors).toEqual({
        defaultRuntimeClass: ["The default runtime class must be one of the allowed runtime classes."],
      });
    }
    // Positive control: the same form with good values parses.
    expect(parseInput(createPlanInput, { ...FORM, planId: "good-id" })).toMatchObject({ cpu: 2000, memory: 4096 });
  });

  it("refuses a change that would put a workspace over its new quota, and saves it once none would be", async () => {
    const context = await adminContext();
    const planId = await newPlan(context);
    const { workspace, slug, namespace } = await workspaceOn(planId);
    const spared = await workspaceOn(planId);
    // The second workspace's own override keeps its services limit whatever the plan says.
    await db().workspaceQuotaOverride.create({ data: { workspaceId: spared.workspace.id, maxServices: 10 } });
    const core = adminApi(k8s.CoreV1Api);
    for (const ns of [namespace, spared.namespace]) {
      for (const name of ["svc-a", "svc-b"]) {
        await core.createNamespacedService({
          namespace: ns,
          body: { metadata: { name }, spec: { ports: [{ port: 80 }], selector: { app: name } } },
        });
      }
    }

    const lower = parseInput(updatePlanInput, { ...FORM, planId, services: "1" });
    const preview = await previewPlanChange(lower);
    expect(preview.workspaces).toBe(2);
    expect(preview.overQuota).toEqual([
      { id: workspace.id, slug, displayName: workspace.displayName, over: [{ key: "services", used: 2, limit: 1 }] },
    ]);
    const refused = await updatePlan(context, lower).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).code).toBe("CONFLICT");
    expect((refused as AppError).userMessage).toContain(`${slug} (Services uses 2 services)`);
    expect((refused as AppError).userMessage).not.toContain(spared.slug);
    expect((await db().plan.findUniqueOrThrow({ where: { id: planId } })).maxServices).toBe(10);
    expect((await quotaHard(namespace)).services).toBe("10");

    // Positive control: down to what the workspace uses is allowed, and applied.
    const fits = parseInput(updatePlanInput, { ...FORM, planId, services: "2" });
    expect((await previewPlanChange(fits)).overQuota).toEqual([]);
    expect(await updatePlan(context, fits)).toEqual({ workspaces: 2, reapplied: 2, failed: 0 });
    expect((await quotaHard(namespace)).services).toBe("2");
    expect((await quotaHard(spared.namespace)).services).toBe("10");
  });

  it("re-applies the plan's workspaces so a quota change reaches their ResourceQuota, audited", async () => {
    const context = await adminContext();
    const planId = await newPlan(context);
    const { namespace } = await workspaceOn(planId);
    expect(await quotaHard(namespace)).toMatchObject({ pods: "20", "requests.cpu": "2", "requests.memory": "4Gi" });

    const result = await updatePlan(
      context,
      parseInput(updatePlanInput, { ...FORM, planId, name: "Bigger", pods: "30", cpu: "3.5", memory: "6" }),
    );
    expect(result).toEqual({ workspaces: 1, reapplied: 1, failed: 0 });
    expect(await quotaHard(namespace)).toMatchObject({ pods: "30", "requests.cpu": "3500m", "requests.memory": "6Gi" });
    const event = await db().platformAuditEvent.findFirstOrThrow({
      where: { actorId: context.actor.userId, action: "platform.plan.update" },
    });
    expect(event).toMatchObject({ outcome: "SUCCESS", targetId: planId });
    expect(event.details).toEqual({
      before: { name: "Test plan", cpuMillis: 2000, memoryMiB: 4096, maxPods: 20 },
      after: { name: "Bigger", cpuMillis: 3500, memoryMiB: 6144, maxPods: 30 },
      workspaces: 1,
    });
  });
});
