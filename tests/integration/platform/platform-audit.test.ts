import { describe, expect, it } from "vitest";
import { recordPlatformAudit } from "@/lib/audit/record-platform";
import { AppError } from "@/lib/errors/app-error";
import {
  PLATFORM_AUDIT_PAGE_SIZE,
  listPlatformAudit,
  listPlatformAuditFilterOptions,
  parsePlatformAuditFilters,
} from "@/lib/platform/list-platform-audit";
import { createPlatformAdmin, createUser } from "../../support/factories";

// The platform audit log: filtered by who, what, outcome and target, newest first, paged by
// id without skipping or repeating; users named for people; a bad filter names its field.

describe("the platform audit log", () => {
  it("filters by actor, action, outcome and target, and names the target user", async () => {
    const admin = await createPlatformAdmin();
    const target = await createUser("Target");
    const other = await createUser("Other");
    await recordPlatformAudit({
      actor: { userId: admin.id },
      action: "platform.user.disable",
      outcome: "SUCCESS",
      targetType: "user",
      targetId: target.id,
    });
    await recordPlatformAudit({
      actor: { userId: admin.id },
      action: "platform.user.enable",
      outcome: "SUCCESS",
      targetType: "user",
      targetId: target.id,
    });
    await recordPlatformAudit({ actor: { userId: other.id }, action: "platform.read", outcome: "DENIED" });

    const byTarget = await listPlatformAudit(parsePlatformAuditFilters({ target: target.id }));
    expect(byTarget.events.map((e) => e.action)).toEqual(["platform.user.enable", "platform.user.disable"]);
    expect(byTarget.events[0]!.target).toEqual({
      kind: "User",
      label: `${target.name} (${target.email})`,
      id: target.id,
    });

    const byActorAndAction = await listPlatformAudit(
      parsePlatformAuditFilters({ actor: admin.id, action: "platform.user.disable" }),
    );
    expect(byActorAndAction.events.map((e) => [e.actor?.id, e.action])).toEqual([[admin.id, "platform.user.disable"]]);

    const denied = await listPlatformAudit(parsePlatformAuditFilters({ actor: other.id, outcome: "DENIED" }));
    expect(denied.events.map((e) => e.action)).toEqual(["platform.read"]);
    // Positive control for the outcome filter: the same actor has no successes.
    expect(
      (await listPlatformAudit(parsePlatformAuditFilters({ actor: other.id, outcome: "SUCCESS" }))).events,
    ).toEqual([]);

    const options = await listPlatformAuditFilterOptions();
    expect(options.actions).toEqual(
      expect.arrayContaining(["platform.read", "platform.user.disable", "platform.user.enable"]),
    );
    expect(options.actors.map((a) => a.userId)).toEqual(expect.arrayContaining([admin.id, other.id]));
  });

  it("pages newest first by id, without skipping or repeating", async () => {
    const admin = await createPlatformAdmin();
    for (let i = 0; i < PLATFORM_AUDIT_PAGE_SIZE + 3; i++) {
      await recordPlatformAudit({
        actor: { userId: admin.id },
        action: "platform.test.page",
        outcome: "SUCCESS",
        details: { i },
      });
    }
    const first = await listPlatformAudit(parsePlatformAuditFilters({ actor: admin.id }));
    expect(first.events).toHaveLength(PLATFORM_AUDIT_PAGE_SIZE);
    expect(first.nextCursor).not.toBeNull();
    const second = await listPlatformAudit(parsePlatformAuditFilters({ actor: admin.id, before: first.nextCursor! }));
    expect(second.nextCursor).toBeNull();
    const seen = [...first.events, ...second.events].map((e) => e.details.i);
    expect(seen).toEqual(
      Array.from({ length: PLATFORM_AUDIT_PAGE_SIZE + 3 }, (_, k) => PLATFORM_AUDIT_PAGE_SIZE + 2 - k),
    );
  });

  it("refuses a filter that is not one of the offered values, naming the field", () => {
    const error = (() => {
      try {
        return parsePlatformAuditFilters({ outcome: "MAYBE", actor: "x'; DROP" });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).fieldErrors).toEqual({
      outcome: ["Choose success, denied or failed."],
      actor: ["Choose someone from the list."],
    });
    expect(parsePlatformAuditFilters({ outcome: "DENIED" })).toEqual({ outcome: "DENIED" });
  });
});
