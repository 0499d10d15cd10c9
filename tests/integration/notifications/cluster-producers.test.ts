import * as k8s from "@kubernetes/client-node";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { adminApi } from "@/lib/kube/client";
import { notifyQuotaThresholds } from "@/lib/notifications/quota-notifications";
import { notifyRuntimeFailures } from "@/lib/notifications/runtime-failure-notifications";
import { MANAGED_BY, MANAGED_BY_LABEL, QUOTA_NAME, RUNTIME_LABEL } from "@/lib/tenancy/kube-names";
import { provisionWorkspace } from "@/lib/tenancy/provision-workspace";
import { addMember, teamWorkspace } from "../../support/factories";
import { eventually } from "../../support/kube";
import { sandboxedPod, stackImage } from "../../support/real-node";

// What the worker's notification loop finds on the real cluster: a workspace quota at its
// limit, and a runtime's pod in a crash loop or killed for memory on the real node.

const core = adminApi(k8s.CoreV1Api);
const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  await Promise.all(cleanups.map((cleanup) => cleanup().catch(() => undefined)));
});

async function notificationsFor(userId: string, keyPrefix: string) {
  return db().notification.findMany({ where: { userId, key: { startsWith: keyPrefix } }, orderBy: { key: "asc" } });
}

describe("notifications from the cluster", () => {
  it("tells the members who create things when a quota reaches its limit, once a day", async () => {
    const { owner, workspace, namespace } = await teamWorkspace({ prefix: "nquota" });
    const { user: developer } = await addMember(workspace.id, "DEVELOPER");
    const { user: viewer } = await addMember(workspace.id, "VIEWER");
    // A plan of the test's own with room for two Services.
    const team = await db().plan.findUniqueOrThrow({ where: { id: "team" } });
    const planId = `nquota-${workspace.id}`;
    await db().plan.create({
      data: { ...team, id: planId, maxServices: 2, createdAt: undefined, updatedAt: undefined },
    });
    await db().workspace.update({ where: { id: workspace.id }, data: { planId } });
    cleanups.push(async () => {
      await db().workspace.update({ where: { id: workspace.id }, data: { planId: "team" } });
      await db().plan.delete({ where: { id: planId } });
    });
    await provisionWorkspace(workspace.id);
    const service = (name: string) => ({
      metadata: { name },
      spec: { type: "ClusterIP", ports: [{ port: 80 }], selector: { app: name } },
    });
    const servicesUsed = (n: number) =>
      eventually(`${n} services counted in the quota`, async () => {
        const quota = await core.readNamespacedResourceQuota({ name: QUOTA_NAME, namespace });
        return quota.status?.hard?.services === "2" && quota.status?.used?.services === String(n) ? true : undefined;
      });

    await core.createNamespacedService({ namespace, body: service("one") });
    await servicesUsed(1);
    await notifyQuotaThresholds();
    // At 50 %: nothing yet (the control).
    expect(await notificationsFor(owner.id, `quota:${workspace.id}:`)).toEqual([]);

    await core.createNamespacedService({ namespace, body: service("two") });
    await servicesUsed(2);
    await notifyQuotaThresholds();
    await notifyQuotaThresholds(); // a second pass (or worker) adds nothing
    for (const user of [owner, developer]) {
      const notices = await notificationsFor(user.id, `quota:${workspace.id}:`);
      expect(notices.map((n) => n.key)).toEqual([
        `quota:${workspace.id}:services:100:${new Date().toISOString().slice(0, 10)}`,
      ]);
      expect(notices[0]!.title).toBe(`${workspace.displayName}: Services quota used up`);
    }
    expect(await notificationsFor(viewer.id, `quota:${workspace.id}:`)).toEqual([]);
  });

  it("tells the builders once when a runtime's pod crash-loops or runs out of memory on the real node", async () => {
    const { owner, workspace, namespace } = await teamWorkspace({ prefix: "nfail" });
    const { user: viewer } = await addMember(workspace.id, "VIEWER");
    const labels = (runtime: string) => ({ [MANAGED_BY_LABEL]: MANAGED_BY, [RUNTIME_LABEL]: runtime });
    const pods = [
      sandboxedPod("crashy-1", stackImage("shell:1"), { labels: labels("crashy"), command: ["sh", "-c", "exit 3"] }),
      sandboxedPod("hog-1", stackImage("shell:1"), {
        labels: labels("hog"),
        memory: "64Mi",
        // Reads 400 MiB into memory in a 64 MiB container.
        command: ["sh", "-c", "head -c 400m /dev/zero | tail"],
      }),
      // The control: a healthy runtime pod.
      sandboxedPod("fine-1", stackImage("web:1"), { labels: labels("fine"), port: 8080 }),
    ];
    for (const pod of pods) {
      pod.spec!.containers[0]!.imagePullPolicy = "Always"; // as workspaces require
      await core.createNamespacedPod({ namespace, body: pod });
      cleanups.push(() => core.deleteNamespacedPod({ name: pod.metadata!.name!, namespace, gracePeriodSeconds: 0 }));
    }
    const keys = await eventually(
      "a crash loop and an out-of-memory kill noticed",
      async () => {
        await notifyRuntimeFailures();
        const found = (await notificationsFor(owner.id, "runtime:")).filter((n) => n.workspaceId === workspace.id);
        const reasons = found.map((n) => n.key.split(":")[2]).sort();
        return reasons.includes("CrashLoopBackOff") && reasons.includes("OOMKilled") ? found : undefined;
      },
      // Both took 140 s on a quiet run here (sandbox starts, the kubelet's back-off, a
      // 400 MiB read under gVisor): a slower machine needs more.
      300_000,
    );
    await notifyRuntimeFailures(); // again: nothing new for the same pods
    const notices = (await notificationsFor(owner.id, "runtime:")).filter((n) => n.workspaceId === workspace.id);
    expect(notices).toHaveLength(keys.length);
    const titles = notices.map((n) => n.title).sort();
    expect(titles).toContain(`crashy in ${workspace.displayName} keeps crashing`);
    expect(titles).toContain(`hog in ${workspace.displayName} ran out of memory`);
    expect(titles.some((t) => t.startsWith("fine "))).toBe(false);
    const hog = notices.find((n) => n.title.startsWith("hog"))!;
    expect(hog.body).toContain("more memory than its limit");
    expect(hog.href).toBe(`/w/${workspace.slug}/runtimes/hog`);
    expect(await notificationsFor(viewer.id, "runtime:")).toEqual([]);
  }, 360_000);
});
