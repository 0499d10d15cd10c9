import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { countUnread, listNotifications } from "@/lib/notifications/list-notifications";
import { markAllNotificationsRead, markNotificationRead } from "@/lib/notifications/mark-read";
import { notify } from "@/lib/notifications/notify";
import { notifyApprovalDecided, notifyApprovalRequested } from "@/lib/notifications/approval-notifications";
import { createUser } from "../../support/factories";

// The notification store: one per recipient and cause, whatever retries or workers do;
// each user reads and marks only their own.

describe("notifications", () => {
  it("keeps one notification per recipient and key, however often and concurrently it is produced", async () => {
    const [alice, bob] = [await createUser("Alice"), await createUser("Bob")];
    const cause = { kind: "QUOTA" as const, key: `test:${alice.id}:cpu:80`, title: "CPU quota at 80%" };
    const created = await Promise.all(Array.from({ length: 6 }, () => notify([alice.id, bob.id], cause)));
    expect(created.reduce((a, b) => a + b, 0)).toBe(2); // one each, however the six raced
    expect(await notify([alice.id], cause)).toBe(0); // a retry adds nothing
    // Positive control: another cause is a new notification.
    expect(await notify([alice.id], { ...cause, key: `${cause.key}:again` })).toBe(1);
    expect(await db().notification.count({ where: { userId: alice.id } })).toBe(2);
    expect(await db().notification.count({ where: { userId: bob.id } })).toBe(1);
  });

  it("lists, counts and marks read only the user's own notifications", async () => {
    const [alice, mallory] = [await createUser("Alice"), await createUser("Mallory")];
    await notify([alice.id], { kind: "BUDGET", key: `test:${alice.id}:1`, title: "First" });
    await notify([alice.id], { kind: "BUDGET", key: `test:${alice.id}:2`, title: "Second" });
    const [latest] = await listNotifications({ userId: alice.id });
    expect(latest!.title).toBe("Second");
    expect(await countUnread({ userId: alice.id })).toBe(2);
    expect(await listNotifications({ userId: mallory.id })).toEqual([]);
    expect(await countUnread({ userId: mallory.id })).toBe(0);

    // Another user's notification is "not found", and stays unread.
    const refused = await markNotificationRead({ userId: mallory.id }, latest!.id).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).code).toBe("NOT_FOUND");
    expect(await countUnread({ userId: alice.id })).toBe(2);
    expect(await markAllNotificationsRead({ userId: mallory.id })).toBe(0);
    expect(await countUnread({ userId: alice.id })).toBe(2);

    // Positive control: the owner marks it read.
    await markNotificationRead({ userId: alice.id }, latest!.id);
    expect(await countUnread({ userId: alice.id })).toBe(1);
    expect((await listNotifications({ userId: alice.id }, { unreadOnly: true })).map((n) => n.title)).toEqual([
      "First",
    ]);
    expect(await markAllNotificationsRead({ userId: alice.id })).toBe(1);
    expect(await countUnread({ userId: alice.id })).toBe(0);
  });

  it("tells approvers once of a request and the requester once of each decision", async () => {
    const [requester, operator1, operator2] = [await createUser("Req"), await createUser("Op"), await createUser("Op")];
    const subject = { type: "quota-increase", id: `req-${requester.id}`, href: "/admin/quota-requests/1" };
    const text = { title: "A workspace asks for more CPU" };
    expect(await notifyApprovalRequested([operator1.id, operator2.id], subject, text)).toBe(2);
    expect(await notifyApprovalRequested([operator1.id, operator2.id], subject, text)).toBe(0);
    expect(await notifyApprovalDecided(requester.id, subject, "approved", { title: "Approved" })).toBe(1);
    expect(await notifyApprovalDecided(requester.id, subject, "approved", { title: "Approved" })).toBe(0);
    const row = await db().notification.findFirstOrThrow({ where: { userId: operator1.id } });
    expect(row).toMatchObject({ kind: "APPROVAL", subjectType: "quota-increase", subjectId: subject.id });
    expect(await countUnread({ userId: requester.id })).toBe(1);
  });
});
