import { beforeAll, describe, expect, it } from "vitest";
import { recordAudit } from "@/lib/audit/record";
import { AUDIT_PAGE_SIZE, listAuditEvents, listAuditFilterOptions } from "@/lib/audit/list-audit-events";
import { authorizeWorkspace } from "@/lib/authz/guard";
import type { Role } from "@/lib/authz/permissions";
import { db } from "@/lib/db/client";
import { addMember, teamWorkspace } from "../../support/factories";

// Members are added straight in the database: the audit log does not touch the cluster.
async function workspaceWithMembers(prefix: string) {
  const { owner, slug, workspace } = await teamWorkspace({ prefix });
  const member = async (role: Role) => (await addMember(workspace.id, role)).user;
  return { owner, slug, workspace, admin: await member("ADMIN"), member };
}

async function record(workspaceId: string, userId: string, action: string, count: number, details = {}) {
  for (let i = 0; i < count; i++) {
    await recordAudit({
      workspaceId,
      actor: { userId, clientAddress: "203.0.113.7" },
      action,
      outcome: "SUCCESS",
      targetType: "thing",
      targetId: `t${i}`,
      details: { ...details, n: i },
    });
  }
}

describe("the audit log", () => {
  let team: Awaited<ReturnType<typeof workspaceWithMembers>>;
  let other: Awaited<ReturnType<typeof workspaceWithMembers>>;

  beforeAll(async () => {
    team = await workspaceWithMembers("audit");
    other = await workspaceWithMembers("audit-other");
    // 60 events by the owner and 3 by the admin in the team, plus some in another workspace.
    await record(team.workspace.id, team.owner.id, "test.bulk", 60);
    await record(team.workspace.id, team.admin.id, "test.admin", 3, { note: "by the admin" });
    await record(other.workspace.id, other.owner.id, "test.bulk", 5);
    await record(other.workspace.id, other.owner.id, "test.elsewhere", 2);
  });

  it("lists newest first, 50 to a page, and pages back to the first event without gaps or repeats", async () => {
    const context = await authorizeWorkspace({ userId: team.owner.id }, team.slug, "audit.read");
    const first = await listAuditEvents(context);
    expect(first.events).toHaveLength(AUDIT_PAGE_SIZE);
    expect(first.nextCursor).toBe(first.events.at(-1)!.id);
    expect(first.events[0]).toMatchObject({
      action: "test.admin",
      outcome: "SUCCESS",
      clientAddress: "203.0.113.7",
      targetType: "thing",
      targetId: "t2",
      details: { note: "by the admin", n: 2 },
      actor: { id: team.admin.id, name: team.admin.name, email: team.admin.email },
    });

    const second = await listAuditEvents(context, { before: first.nextCursor! });
    expect(second.nextCursor).toBeNull();
    const all = [...first.events, ...second.events];
    const ids = all.map((e) => BigInt(e.id));
    expect(ids).toEqual([...ids].sort((a, b) => (a > b ? -1 : a < b ? 1 : 0)));
    expect(new Set(ids).size).toBe(ids.length);
    // 60 + 3 recorded here, plus the workspace.create event, which is the oldest.
    expect(all).toHaveLength(64);
    expect(all.at(-1)).toMatchObject({ action: "workspace.create", actor: { id: team.owner.id } });
  });

  it("filters by member and by action, together and apart", async () => {
    const context = await authorizeWorkspace({ userId: team.admin.id }, team.slug, "audit.read");

    const byAdmin = await listAuditEvents(context, { member: team.admin.id });
    expect(byAdmin.events.map((e) => e.action)).toEqual(["test.admin", "test.admin", "test.admin"]);
    expect(byAdmin.nextCursor).toBeNull();

    const bulk = await listAuditEvents(context, { action: "test.bulk", limit: 10 });
    expect(bulk.events).toHaveLength(10);
    expect(bulk.events.every((e) => e.action === "test.bulk" && e.actor?.id === team.owner.id)).toBe(true);

    const none = await listAuditEvents(context, { member: team.admin.id, action: "test.bulk" });
    expect(none).toEqual({ events: [], nextCursor: null });

    // Empty parameters, as a form sends for "all", mean no filter.
    const unfiltered = await listAuditEvents(context, { member: "", action: "", before: "" });
    expect(unfiltered.events).toHaveLength(AUDIT_PAGE_SIZE);
  });

  it("offers the members and actions of this workspace only", async () => {
    const context = await authorizeWorkspace({ userId: team.owner.id }, team.slug, "audit.read");
    const options = await listAuditFilterOptions(context);
    expect(options.actions).toEqual(["test.admin", "test.bulk", "workspace.create"]);
    expect(options.members.map((m) => m.userId).sort()).toEqual([team.owner.id, team.admin.id].sort());
    expect(options.members.find((m) => m.userId === team.admin.id)?.label).toBe(
      `${team.admin.name} (${team.admin.email})`,
    );
  });

  it("never shows another workspace's events, whatever the filters say", async () => {
    const context = await authorizeWorkspace({ userId: team.owner.id }, team.slug, "audit.read");
    const everything = [
      ...(await listAuditEvents(context)).events,
      ...(await listAuditEvents(context, { action: "test.elsewhere" })).events,
      ...(await listAuditEvents(context, { member: other.owner.id })).events,
    ];
    const ids = new Set(
      (await db().auditEvent.findMany({ where: { workspaceId: other.workspace.id }, select: { id: true } })).map((e) =>
        e.id.toString(),
      ),
    );
    expect(ids.size).toBeGreaterThan(0);
    expect(everything.filter((e) => ids.has(e.id))).toEqual([]);
    expect(everything.some((e) => e.action === "test.elsewhere" || e.actor?.id === other.owner.id)).toBe(false);
  });

  it("refuses viewers and developers, and their denied attempts show up in the log", async () => {
    const viewer = await team.member("VIEWER");
    const developer = await team.member("DEVELOPER");
    for (const user of [viewer, developer]) {
      await expect(authorizeWorkspace({ userId: user.id }, team.slug, "audit.read")).rejects.toMatchObject({
        code: "FORBIDDEN",
      });
      // A context for merely reading the workspace does not open the log either.
      const readOnly = await authorizeWorkspace({ userId: user.id }, team.slug, "workspace.read");
      await expect(listAuditEvents(readOnly)).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(listAuditFilterOptions(readOnly)).rejects.toMatchObject({ code: "FORBIDDEN" });
    }

    const context = await authorizeWorkspace({ userId: team.owner.id }, team.slug, "audit.read");
    const denied = await listAuditEvents(context, { action: "audit.read" });
    expect(denied.events.map((e) => [e.actor?.id, e.outcome, e.details])).toEqual([
      [developer.id, "DENIED", { role: "DEVELOPER" }],
      [viewer.id, "DENIED", { role: "VIEWER" }],
    ]);
  });

  it("rejects malformed filters, naming the field", async () => {
    const context = await authorizeWorkspace({ userId: team.owner.id }, team.slug, "audit.read");
    await expect(listAuditEvents(context, { action: "x' OR 1=1" })).rejects.toMatchObject({
      code: "INVALID_INPUT",
      fieldErrors: { action: ["Choose an action from the list."] },
    });
    await expect(listAuditEvents(context, { before: "-1" })).rejects.toMatchObject({
      code: "INVALID_INPUT",
      fieldErrors: { before: ["This page link is not valid."] },
    });
  });
});
