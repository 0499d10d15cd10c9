import { describe, expect, it } from "vitest";
import { authorizePlatform } from "@/lib/authz/platform-guard";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { approveQuotaRequest, denyQuotaRequest } from "@/lib/quotas/decide-quota-request";
import { listQuotaQueue } from "@/lib/quotas/list-quota-queue";
import { approveQuotaRequestInput, denyQuotaRequestInput } from "@/lib/quotas/quota-request-input";
import { requestQuotaIncrease } from "@/lib/quotas/request-quota-increase";
import { createPlatformAdmin, createUser, teamWorkspace } from "../../support/factories";
import { askInput, clusterQuota, emptyBalance } from "./support";

// The operator's side: only platform administrators may decide (a workspace owner and any
// other user get "not found"); approving, with the amounts asked or changed ones, writes the
// workspace's override and changes the namespace's ResourceQuota at once; denying keeps the
// limits and tells the requester why; two concurrent approvals apply once.

async function pendingRequest(fields: Parameters<typeof askInput>[0]) {
  const setup = await teamWorkspace({ prefix: "qdec", permission: "quota.request" });
  await emptyBalance(setup.slug, setup.workspace.id); // so the rule leaves it to an operator
  const request = await requestQuotaIncrease(setup.context, askInput(fields));
  expect(request.state).toBe("PENDING");
  return { ...setup, requestId: request.id };
}

describe("deciding quota requests", () => {
  it("refuses a workspace owner and any other user (not found), lets an administrator through", async () => {
    const { owner, requestId } = await pendingRequest({ cpu: "40" });
    const stranger = await createUser("Stranger");
    for (const user of [owner, stranger]) {
      const error = await authorizePlatform({ userId: user.id }, "platform.quotaRequests.decide").catch((e) => e);
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe("NOT_FOUND");
      const denied = await db().platformAuditEvent.findMany({ where: { actorId: user.id, outcome: "DENIED" } });
      expect(denied.map((e) => e.action)).toEqual(["platform.quotaRequests.decide"]);
    }
    expect((await db().quotaIncreaseRequest.findUniqueOrThrow({ where: { id: requestId } })).state).toBe("PENDING");

    // Positive control: an administrator passes the guard and sees the request in the queue.
    const admin = await createPlatformAdmin();
    const operator = await authorizePlatform({ userId: admin.id }, "platform.quotaRequests.decide");
    const queue = await listQuotaQueue(operator);
    const queued = queue.pending.find((r) => r.id === requestId);
    expect(queued).toMatchObject({ state: "PENDING", lines: [{ key: "cpu", requested: 40_000, granted: null }] });
    expect(queued!.current.cpu).toBe(8000);
    expect(queued!.balanceMicros).toBe("0");
  });

  it("tells the platform's administrators in the app that a request waits, and not others", async () => {
    const admin = await createPlatformAdmin();
    const revoked = await createPlatformAdmin("Former operator");
    await db().platformAdmin.update({ where: { userId: revoked.id }, data: { revokedAt: new Date() } });
    const { requestId, owner } = await pendingRequest({ storage: "900" });
    const told = await db().notification.findMany({
      where: { subjectId: requestId },
      select: { userId: true, href: true, key: true },
    });
    expect(told.filter((n) => n.userId === admin.id)).toEqual([
      { userId: admin.id, href: "/admin/quota-requests", key: `approval:quota-increase:${requestId}:requested` },
    ]);
    expect(told.map((n) => n.userId)).not.toContain(revoked.id);
    expect(told.map((n) => n.userId)).not.toContain(owner.id);
  });

  it("approves with a changed amount: the namespace's ResourceQuota changes at once", async () => {
    const { requestId, namespace, workspace, owner, slug } = await pendingRequest({ cpu: "40", volumes: "60" });
    expect(await clusterQuota(namespace)).toMatchObject({ "requests.cpu": "8", persistentvolumeclaims: "20" });
    const admin = await createPlatformAdmin();
    const operator = await authorizePlatform({ userId: admin.id }, "platform.quotaRequests.decide");

    // The operator may only grant keys that were asked for, and only above the current limit.
    const bad = await approveQuotaRequest(
      operator,
      approveQuotaRequestInput.parse({ requestId, cpu: "4", pods: "500" }),
    ).catch((e: AppError) => e);
    expect(bad).toMatchObject({
      code: "INVALID_INPUT",
      fieldErrors: {
        cpu: ["CPU must be more than the current limit of 8 cores; to grant nothing, deny the request."],
        pods: ["Pods was not asked for in this request."],
      },
    });

    const outcome = await approveQuotaRequest(
      operator,
      approveQuotaRequestInput.parse({ requestId, cpu: "24", reason: "24 cores for now; ask again after launch." }),
    );
    expect(outcome).toMatchObject({ state: "APPROVED", applied: true });
    expect(await clusterQuota(namespace)).toMatchObject({
      "requests.cpu": "24",
      "limits.cpu": "24",
      persistentvolumeclaims: "60",
      "requests.memory": "16Gi",
    });
    // The queue: no longer waiting, and the latest decision first.
    const queue = await listQuotaQueue(operator);
    expect(queue.pending.map((r) => r.id)).not.toContain(requestId);
    expect(queue.decided[0]).toMatchObject({ id: requestId, state: "APPROVED", decidedBy: admin.name });
    const lines = await db().quotaRequestLine.findMany({ where: { requestId }, orderBy: { key: "asc" } });
    expect(lines.map((l) => [l.key, l.requested, l.granted])).toEqual([
      ["cpu", 40_000, 24_000],
      ["volumes", 60, 60],
    ]);
    const workspaceEvents = await db().auditEvent.findMany({
      where: { workspaceId: workspace.id, targetId: requestId },
      orderBy: { id: "asc" },
    });
    expect(workspaceEvents.map((e) => [e.action, e.actorId])).toEqual([
      ["quota.request", owner.id],
      ["quota.approve", admin.id],
    ]);
    const platformEvents = await db().platformAuditEvent.findMany({ where: { targetId: requestId } });
    expect(platformEvents.map((e) => [e.action, e.actorId, e.outcome])).toEqual([
      ["platform.quotaRequest.approve", admin.id, "SUCCESS"],
    ]);
    const mail = await db().outboundEmail.findFirstOrThrow({
      where: { to: owner.email!, subject: `Quota increase approved for Team ${slug}` },
    });
    expect(mail.text).toContain("CPU: 24 cores (asked 40 cores)");
    expect(mail.text).toContain("Reason: 24 cores for now; ask again after launch.");
    expect(await db().notification.count({ where: { userId: owner.id, subjectId: requestId } })).toBe(1);
  });

  it("denies with a reason: the limits stay, and the requester is told why", async () => {
    const { requestId, namespace, owner } = await pendingRequest({ memory: "256" });
    const admin = await createPlatformAdmin();
    const operator = await authorizePlatform({ userId: admin.id }, "platform.quotaRequests.decide");
    expect(denyQuotaRequestInput.safeParse({ requestId, reason: "no" }).error?.issues[0]?.message).toBe(
      "Tell the requester why, in at least 10 characters.",
    );
    await denyQuotaRequest(
      operator,
      denyQuotaRequestInput.parse({ requestId, reason: "The cluster is full this month." }),
    );
    expect(await db().quotaIncreaseRequest.findUniqueOrThrow({ where: { id: requestId } })).toMatchObject({
      state: "DENIED",
      decisionReason: "The cluster is full this month.",
      decidedById: admin.id,
    });
    expect((await clusterQuota(namespace))["requests.memory"]).toBe("16Gi");
    const notification = await db().notification.findFirstOrThrow({
      where: { userId: owner.id, subjectId: requestId },
    });
    expect(notification.key).toBe(`approval:quota-increase:${requestId}:declined`);
    expect(notification.body).toContain("The cluster is full this month.");
    // Decided once: approving afterwards is refused.
    const late = await approveQuotaRequest(operator, approveQuotaRequestInput.parse({ requestId })).catch((e) => e);
    expect(late).toMatchObject({ code: "CONFLICT", userMessage: "This request was already decided." });
  });

  it("applies two concurrent approvals once", async () => {
    const { requestId, namespace, workspace } = await pendingRequest({ pods: "400" });
    const [a, b] = [await createPlatformAdmin("Operator A"), await createPlatformAdmin("Operator B")];
    const results = await Promise.allSettled(
      [
        { admin: a, pods: "300" },
        { admin: b, pods: "350" },
      ].map(async ({ admin, pods }) =>
        approveQuotaRequest(
          await authorizePlatform({ userId: admin.id }, "platform.quotaRequests.decide"),
          approveQuotaRequestInput.parse({ requestId, pods }),
        ),
      ),
    );
    const fulfilled = results.filter((r) => r.status === "fulfilled");
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(fulfilled).toHaveLength(1);
    expect(rejected.map((r) => r.reason.code)).toEqual(["CONFLICT"]);

    const request = await db().quotaIncreaseRequest.findUniqueOrThrow({
      where: { id: requestId },
      include: { lines: true },
    });
    const winner = request.decidedById === a.id ? 300 : 350;
    expect(request.lines[0]!.granted).toBe(winner);
    expect((await clusterQuota(namespace)).pods).toBe(String(winner));
    expect(
      await db().auditEvent.count({
        where: { workspaceId: workspace.id, targetId: requestId, action: "quota.approve" },
      }),
    ).toBe(1);
    expect(await db().platformAuditEvent.count({ where: { targetId: requestId } })).toBe(1);
  });
});
