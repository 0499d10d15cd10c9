import { describe, expect, it } from "vitest";
import { authorizeWorkspace } from "@/lib/authz/guard";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { listWorkspaceQuotaRequests } from "@/lib/quotas/list-quota-requests";
import { requestQuotaIncreaseInput } from "@/lib/quotas/quota-request-input";
import { requestQuotaIncrease } from "@/lib/quotas/request-quota-increase";
import { addMember, teamWorkspace } from "../../support/factories";
import { askInput, clusterQuota, emptyBalance, giveCredit } from "./support";

// The tenant side of quota-increase requests: who may ask (admins and owners; developers and
// viewers only read), what the form refuses and why, one waiting request at a time, and the
// auto-approval rule (up to 2× the plan while the balance is above zero) applying at once.

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe("asking for more quota", () => {
  it("is for admins and owners; developers and viewers are refused but may read the requests", async () => {
    const { workspace, slug, owner } = await teamWorkspace({ prefix: "qask" });
    const developer = await addMember(workspace.id, "DEVELOPER");
    const viewer = await addMember(workspace.id, "VIEWER");
    const admin = await addMember(workspace.id, "ADMIN");

    for (const user of [developer.user, viewer.user]) {
      const error = await refusal(authorizeWorkspace({ userId: user.id }, slug, "quota.request"));
      expect(error.code).toBe("FORBIDDEN");
      // The domain refuses as well, should a caller skip the guard.
      const readContext = await authorizeWorkspace({ userId: user.id }, slug, "quota.read");
      expect((await refusal(requestQuotaIncrease(readContext, askInput({ pods: "300" })))).code).toBe("FORBIDDEN");
    }
    const denied = await db().auditEvent.findMany({
      where: { workspaceId: workspace.id, action: "quota.request", outcome: "DENIED" },
    });
    expect(denied.map((e) => e.actorId).sort()).toEqual([developer.user.id, viewer.user.id].sort());
    expect(await db().quotaIncreaseRequest.count({ where: { workspaceId: workspace.id } })).toBe(0);

    // Positive controls: an admin asks; after that request is decided, the owner asks.
    const adminContext = await authorizeWorkspace({ userId: admin.user.id }, slug, "quota.request");
    const first = await requestQuotaIncrease(adminContext, askInput({ pods: "300" }));
    expect(first.state).toBe("PENDING");
    await db().quotaIncreaseRequest.update({
      where: { id: first.id },
      data: { state: "DENIED", decidedAt: new Date() },
    });
    const ownerContext = await authorizeWorkspace({ userId: owner.id }, slug, "quota.request");
    expect((await requestQuotaIncrease(ownerContext, askInput({ services: "400" }))).state).toBe("PENDING");

    const viewerRead = await authorizeWorkspace({ userId: viewer.user.id }, slug, "quota.read");
    const listed = await listWorkspaceQuotaRequests(viewerRead);
    expect(listed.requests.map((r) => r.state)).toEqual(["PENDING", "DENIED"]);
    expect(listed.requests[0]!.lines).toEqual([{ key: "services", requested: 400, granted: null }]);
  });

  it("names the field and the rule for bad amounts and a short justification", async () => {
    const parse = (fields: Record<string, string>) => requestQuotaIncreaseInput.safeParse(fields);
    const errorsOf = (fields: Record<string, string>) => {
      const result = parse(fields);
      expect(result.success).toBe(false);
      return Object.fromEntries(result.error!.issues.map((i) => [i.path.join("."), i.message]));
    };
    expect(errorsOf({ cpu: "2.5555", memory: "1.5", pods: "-3", justification: "more" })).toEqual({
      cpu: "CPU must be a number of cores, like 4 or 2.5 (at most 3 decimals).",
      memory: "Memory must be a whole number of GiB, like 32.",
      pods: "Pods must be a whole number of pods, like 40.",
      justification: "Say why the workspace needs more, in at least 20 characters.",
    });
    expect(errorsOf({ storage: "20000", justification: "x".repeat(30) })).toEqual({
      storage: "Storage may be at most 10240 GiB.",
    });
    expect(errorsOf({ cpu: "", justification: "x".repeat(30) })).toEqual({
      amounts: "Enter a new limit for at least one of CPU, memory, storage, pods, volumes or services.",
    });
    // Positive control: exact decimal parsing into plan units.
    const ok = parse({ cpu: "12.5", memory: "40", justification: "x".repeat(30) });
    expect(ok.success && ok.data).toMatchObject({ cpu: 12_500, memory: 40 * 1024, storage: null });

    // Against the workspace: each amount must be above the current limit (team plan: 8 cores, 100 pods).
    const { context, workspace } = await teamWorkspace({ prefix: "qask", permission: "quota.request" });
    const error = await refusal(requestQuotaIncrease(context, askInput({ cpu: "8", pods: "50", volumes: "30" })));
    expect(error.fieldErrors).toEqual({
      cpu: ["CPU must be more than the current limit of 8 cores."],
      pods: ["Pods must be more than the current limit of 100 pods."],
    });
    expect(await db().quotaIncreaseRequest.count({ where: { workspaceId: workspace.id } })).toBe(0);
  });

  it("keeps one request waiting at a time, also when two are sent at once", async () => {
    const { context, workspace } = await teamWorkspace({ prefix: "qask", permission: "quota.request" });
    const results = await Promise.allSettled([
      requestQuotaIncrease(context, askInput({ cpu: "64" })),
      requestQuotaIncrease(context, askInput({ memory: "512" })),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(rejected.reason).toMatchObject({ code: "CONFLICT" });
    expect(await db().quotaIncreaseRequest.count({ where: { workspaceId: workspace.id } })).toBe(1);
  });

  it("auto-approves up to 2× the plan while the balance is positive, and the cluster follows at once", async () => {
    const { context, workspace, slug, namespace, owner } = await teamWorkspace({
      prefix: "qauto",
      permission: "quota.request",
    });
    // No balance left: even a small request waits for an operator.
    await emptyBalance(slug, workspace.id);
    const waiting = await requestQuotaIncrease(context, askInput({ cpu: "10" }));
    expect(waiting.state).toBe("PENDING");
    await db().quotaIncreaseRequest.update({
      where: { id: waiting.id },
      data: { state: "DENIED", decidedAt: new Date() },
    });

    await giveCredit(slug);
    // More than twice the plan's 100 pods: waits.
    const tooMuch = await requestQuotaIncrease(context, askInput({ pods: "201" }));
    expect(tooMuch.state).toBe("PENDING");
    await db().quotaIncreaseRequest.update({
      where: { id: tooMuch.id },
      data: { state: "DENIED", decidedAt: new Date() },
    });

    // Exactly twice the plan's 8 cores, and more memory: approved by the rule.
    const auto = await requestQuotaIncrease(context, askInput({ cpu: "16", memory: "20", pods: "200" }));
    expect(auto.state).toBe("AUTO_APPROVED");
    const hard = await clusterQuota(namespace);
    expect(hard).toMatchObject({
      "requests.cpu": "16",
      "limits.cpu": "16",
      "requests.memory": "20Gi",
      pods: "200",
      services: "50",
    });
    const override = await db().workspaceQuotaOverride.findUniqueOrThrow({ where: { workspaceId: workspace.id } });
    expect(override).toMatchObject({ cpuMillis: 16_000, memoryMiB: 20_480, maxPods: 200, maxServices: null });

    const events = await db().auditEvent.findMany({
      where: { workspaceId: workspace.id, targetId: auto.id },
      orderBy: { id: "asc" },
    });
    expect(events.map((e) => [e.action, e.actorId])).toEqual([
      ["quota.request", owner.id],
      ["quota.autoApprove", null],
    ]);
    const mails = await db().outboundEmail.findMany({ where: { to: owner.email! }, orderBy: { createdAt: "asc" } });
    expect(mails.map((m) => m.subject).slice(-2)).toEqual([
      `Quota increase requested for Team ${slug}`,
      `Quota increase approved for Team ${slug}`,
    ]);
    const notification = await db().notification.findFirstOrThrow({
      where: { userId: owner.id, subjectId: auto.id },
    });
    expect(notification).toMatchObject({ kind: "APPROVAL", href: `/w/${slug}/quota` });
  });
});
