import { describe, expect, it } from "vitest";
import type { PlatformContext } from "@/lib/authz/context";
import { authorizePlatform } from "@/lib/authz/platform-guard";
import { enforcementPass } from "@/lib/billing/enforcement";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { resumeWorkspaceByOperator, suspendWorkspaceByOperator } from "@/lib/platform/suspend-workspace";
import { MANAGED_BY, MANAGED_BY_LABEL } from "@/lib/tenancy/kube-names";
import { createPlatformAdmin, createUser } from "../../support/factories";
import { eventually } from "../../support/kube";
import { apps, billedWorkspace, core, podSpec } from "../metering/support";

// An operator's suspension on the real node: it scales the workspace's workloads to zero
// through the billing hold's path, billing's own pass (a positive balance, which resumes a
// billing suspension) leaves it suspended, and the operator's resume restores them. Refused
// ("not found") to a non-administrator and to the workspace's owner.

async function asUser<R>(userId: string, act: (context: PlatformContext) => Promise<R>): Promise<R> {
  return act(await authorizePlatform({ userId }, "platform.workspaces.write"));
}

async function runningPods(namespace: string): Promise<number> {
  const pods = await core.listNamespacedPod({ namespace, labelSelector: "app=web" });
  return pods.items.filter((p) => p.status?.phase === "Running" && !p.metadata?.deletionTimestamp).length;
}

const replicas = async (namespace: string) =>
  (await apps.readNamespacedDeployment({ name: "web", namespace })).spec?.replicas;

describe("an operator's suspension", () => {
  it("stops the workspace's workloads, outlives billing's resume, and the operator's resume restores them", async () => {
    const { workspace, namespace, owner } = await billedWorkspace("opsus");
    const admin = await createPlatformAdmin();
    const stranger = await createUser("Stranger");
    await apps.createNamespacedDeployment({
      namespace,
      body: {
        metadata: { name: "web", labels: { [MANAGED_BY_LABEL]: MANAGED_BY } },
        spec: {
          replicas: 1,
          selector: { matchLabels: { app: "web" } },
          template: { metadata: { labels: { app: "web" } }, spec: podSpec("100m", "64Mi") },
        },
      },
    });
    try {
      await eventually("a pod running", async () => ((await runningPods(namespace)) === 1 ? true : undefined));
      const input = { workspaceId: workspace.id, reason: "Abuse report #12" };

      for (const userId of [stranger.id, owner.id]) {
        const error = await asUser(userId, (c) => suspendWorkspaceByOperator(c, input)).catch((e: unknown) => e);
        expect((error as AppError).code).toBe("NOT_FOUND");
      }
      expect(await db().operatorSuspension.findUnique({ where: { workspaceId: workspace.id } })).toBeNull();
      expect(await replicas(namespace)).toBe(1);

      const { stopped } = await asUser(admin.id, (c) => suspendWorkspaceByOperator(c, input));
      expect(stopped).toEqual(["DEPLOYMENT/web"]);
      expect(await replicas(namespace)).toBe(0);
      await eventually("pods stopped", async () => ((await runningPods(namespace)) === 0 ? true : undefined));
      // Suspending twice is told so.
      const twice = await asUser(admin.id, (c) => suspendWorkspaceByOperator(c, input)).catch((e: unknown) => e);
      expect((twice as AppError).code).toBe("CONFLICT");

      // Billing's pass: the balance is positive and there is no billing hold, which would
      // resume a billing suspension; the operator's stays.
      const pass = await enforcementPass(new Date(), { graceMinutes: 10, workspaceIds: [workspace.id] });
      expect(pass.resumed).toEqual([]);
      expect(await replicas(namespace)).toBe(0);
      expect(await db().heldWorkload.count({ where: { workspaceId: workspace.id } })).toBe(1);

      for (const userId of [stranger.id, owner.id]) {
        const error = await asUser(userId, (c) => resumeWorkspaceByOperator(c, { workspaceId: workspace.id })).catch(
          (e: unknown) => e,
        );
        expect((error as AppError).code).toBe("NOT_FOUND");
      }
      expect(await replicas(namespace)).toBe(0);

      const resumed = await asUser(admin.id, (c) => resumeWorkspaceByOperator(c, { workspaceId: workspace.id }));
      expect(resumed).toEqual({ restored: ["DEPLOYMENT/web"], billingSuspended: false });
      expect(await replicas(namespace)).toBe(1);
      await eventually("the pod running again", async () => ((await runningPods(namespace)) === 1 ? true : undefined));
      const actions = (
        await db().auditEvent.findMany({
          where: { workspaceId: workspace.id, action: { in: ["workspace.suspend", "workspace.resume"] } },
          orderBy: { id: "asc" },
        })
      ).map((e) => [e.action, e.actorId]);
      expect(actions).toEqual([
        ["workspace.suspend", admin.id],
        ["workspace.resume", admin.id],
      ]);
      const platform = await db().platformAuditEvent.findMany({
        where: { targetId: workspace.id, outcome: "SUCCESS" },
        orderBy: { id: "asc" },
      });
      expect(platform.map((e) => e.action)).toEqual(["platform.workspace.suspend", "platform.workspace.resume"]);
    } finally {
      await apps.deleteNamespacedDeployment({ name: "web", namespace }).catch(() => undefined);
    }
  });
});
