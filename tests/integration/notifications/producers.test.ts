import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { notifyBudgetAlerts } from "@/lib/billing/budget-alerts";
import { inviteMember } from "@/lib/invitations/invite-member";
import { notifyOpenInvitations } from "@/lib/notifications/invitation-notifications";
import { listNotifications } from "@/lib/notifications/list-notifications";
import { addMember, createUser, teamWorkspace } from "../../support/factories";

// Budget alerts and invitations become notifications, once per cause, for the right people.

describe("notification producers", () => {
  it("notifies the owners of each budget threshold once, in the app, and not the other members", async () => {
    const { owner, workspace, slug } = await teamWorkspace({ prefix: "nbud" });
    const { user: developer } = await addMember(workspace.id, "DEVELOPER");
    const standing = {
      workspaceId: workspace.id,
      credits: 0n,
      charges: 0n,
      balance: 0n,
      monthCost: 850_000n,
      budget: { limitMicros: 1_000_000n, hardLimit: false },
      hold: null,
    };
    const now = new Date();
    expect(await notifyBudgetAlerts(standing, now)).toBe(2); // 50 % and 80 %
    expect(await notifyBudgetAlerts(standing, now)).toBe(0); // a second worker: nothing new
    const titles = (await listNotifications({ userId: owner.id })).map((n) => n.title);
    expect(titles.sort()).toEqual([
      `Team ${slug}: 50% of the monthly budget used`,
      `Team ${slug}: 80% of the monthly budget used`,
    ]);
    const [first] = await listNotifications({ userId: owner.id });
    expect(first).toMatchObject({ kind: "BUDGET", href: `/w/${slug}/billing`, read: false });
    expect(await listNotifications({ userId: developer.id })).toEqual([]);
  });

  it("notifies an invitee who has an account at once, and one who signs up later at sign-in, once", async () => {
    const { context } = await teamWorkspace({ prefix: "ninv", permission: "member.invite" });
    const existing = await createUser("Invitee");
    await inviteMember(context, { email: existing.email!, role: "DEVELOPER" });
    const [notice] = await listNotifications({ userId: existing.id });
    expect(notice).toMatchObject({ kind: "INVITATION", href: "/dashboard" });
    expect(notice!.title).toContain(context.workspace.displayName);

    const email = `later.${existing.id}@canopy.test`;
    await inviteMember(context, { email, role: "VIEWER" });
    expect(await db().notification.count({ where: { key: { startsWith: "invitation:" }, user: { email } } })).toBe(0);
    const later = await db().user.create({ data: { name: "Later", email, emailVerified: new Date() } });
    expect(await notifyOpenInvitations(later.id)).toBe(1);
    expect(await notifyOpenInvitations(later.id)).toBe(0); // the next sign-in adds nothing

    // An address not (yet) verified is not told: the invitation is bound to the verified email.
    const unverifiedEmail = `unverified.${existing.id}@canopy.test`;
    await inviteMember(context, { email: unverifiedEmail, role: "VIEWER" });
    const unverified = await db().user.create({ data: { name: "U", email: unverifiedEmail } });
    expect(await notifyOpenInvitations(unverified.id)).toBe(0);
  });
});
