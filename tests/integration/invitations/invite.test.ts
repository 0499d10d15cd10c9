import { describe, expect, it } from "vitest";
import { authorizeWorkspace } from "@/lib/authz/guard";
import { db } from "@/lib/db/client";
import { listDevOutbox } from "@/lib/mail/list-outbox";
import { inviteMember } from "@/lib/invitations/invite-member";
import { hashInvitationToken } from "@/lib/invitations/invitation-token";
import { listInvitations } from "@/lib/invitations/list-invitations";
import { resendInvitation } from "@/lib/invitations/resend-invitation";
import { revokeInvitation } from "@/lib/invitations/revoke-invitation";
import { addMember, createUser, teamWorkspace } from "../../support/factories";
import { invitedUser, tokenOf } from "./support";

describe("inviting", () => {
  it("stores only the SHA-256 of a 256-bit token, lower-cases the email and mails the link", async () => {
    const { context } = await teamWorkspace({ permission: "member.invite" });
    const issued = await inviteMember(context, { email: "  New.Person@Example.TEST ", role: "DEVELOPER" });
    const token = tokenOf(issued.link);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token, "base64url")).toHaveLength(32); // 256 bits ≥ 128

    const row = await db().invitation.findUniqueOrThrow({ where: { id: issued.invitationId } });
    expect(row.email).toBe("new.person@example.test");
    expect(row.tokenHash).toBe(hashInvitationToken(token));
    expect(row.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(token);
    const ttlDays = (row.expiresAt.getTime() - row.createdAt.getTime()) / 86_400_000;
    expect(ttlDays).toBeCloseTo(7, 2);

    // No SMTP here, so the email is stored for the development outbox, link included.
    expect(issued.delivery).toBe("outbox");
    const mail = await db().outboundEmail.findFirstOrThrow({
      where: { to: "new.person@example.test" },
      orderBy: { createdAt: "desc" },
    });
    expect(mail.text).toContain(issued.link);
    expect(mail.sentAt).toBeNull();
  });

  it("lets an admin invite up to admin, but not owner", async () => {
    const { context } = await teamWorkspace({ permission: "member.invite" });
    const { user: admin } = await addMember(context.workspace.id, "ADMIN");
    const adminContext = await authorizeWorkspace({ userId: admin.id }, context.workspace.slug, "member.invite");

    const asAdmin = await inviteMember(adminContext, { email: "peer@example.test", role: "ADMIN" });
    expect(asAdmin.role).toBe("ADMIN");
    await expect(inviteMember(adminContext, { email: "boss@example.test", role: "OWNER" })).rejects.toMatchObject({
      code: "FORBIDDEN",
      fieldErrors: { role: [expect.stringMatching(/up to your own/)] },
    });
    expect(await db().invitation.count({ where: { workspaceId: context.workspace.id, role: "OWNER" } })).toBe(0);
    const denied = await db().auditEvent.findFirst({
      where: { workspaceId: context.workspace.id, actorId: admin.id, action: "invitation.create", outcome: "DENIED" },
    });
    expect(denied?.details).toMatchObject({ requestedRole: "OWNER" });
  });

  it("refuses developers and viewers outright", async () => {
    const { context } = await teamWorkspace({ permission: "member.invite" });
    for (const role of ["DEVELOPER", "VIEWER"] as const) {
      const { user: member } = await addMember(context.workspace.id, role);
      const actor = { userId: member.id };
      await expect(authorizeWorkspace(actor, context.workspace.slug, "member.invite")).rejects.toMatchObject({
        code: "FORBIDDEN",
      });
      await expect(authorizeWorkspace(actor, context.workspace.slug, "invitation.manage")).rejects.toMatchObject({
        code: "FORBIDDEN",
      });
      // Even with a context obtained for reading, the domain function checks the role itself.
      const readContext = await authorizeWorkspace(actor, context.workspace.slug, "workspace.read");
      await expect(inviteMember(readContext, { email: "x@example.test", role: "VIEWER" })).rejects.toMatchObject({
        code: "FORBIDDEN",
      });
      await expect(listInvitations(readContext)).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
  });

  it("refuses to invite a member or an email that already has a pending invitation", async () => {
    const { owner, context } = await teamWorkspace({ permission: "member.invite" });
    await expect(inviteMember(context, { email: owner.email!.toUpperCase(), role: "VIEWER" })).rejects.toMatchObject({
      code: "INVALID_INPUT",
      fieldErrors: { email: [expect.stringMatching(/already a member/)] },
    });
    await inviteMember(context, { email: "twice@example.test", role: "VIEWER" });
    await expect(inviteMember(context, { email: "twice@example.test", role: "ADMIN" })).rejects.toMatchObject({
      fieldErrors: { email: [expect.stringMatching(/open invitation/)] },
    });
  });

  it("lists open invitations with status and expiry, and audits create, resend and revoke", async () => {
    const { owner, context } = await teamWorkspace({ permission: "invitation.manage" });
    const first = await inviteMember(context, { email: "one@example.test", role: "VIEWER" });
    const second = await inviteMember(context, { email: "two@example.test", role: "DEVELOPER" });
    await db().invitation.update({
      where: { id: first.invitationId },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });

    let listed = await listInvitations(context);
    expect(listed.map((i) => [i.email, i.status])).toEqual([
      ["two@example.test", "pending"],
      ["one@example.test", "expired"],
    ]);
    expect(listed[0]).toMatchObject({ role: "DEVELOPER", invitedByName: owner.name, canResend: true });

    // Resending an expired invitation makes it pending again with a new expiry.
    const resent = await resendInvitation(context, { invitationId: first.invitationId });
    expect(resent.expiresAt.getTime()).toBeGreaterThan(Date.now() + 6 * 86_400_000);
    await revokeInvitation(context, { invitationId: second.invitationId });
    listed = await listInvitations(context);
    expect(listed.map((i) => [i.email, i.status])).toEqual([["one@example.test", "pending"]]);

    const events = await db().auditEvent.findMany({
      where: { workspaceId: context.workspace.id, action: { startsWith: "invitation." } },
      orderBy: { id: "asc" },
    });
    expect(events.map((e) => [e.action, e.targetId, e.actorId, e.outcome])).toEqual([
      ["invitation.create", first.invitationId, owner.id, "SUCCESS"],
      ["invitation.create", second.invitationId, owner.id, "SUCCESS"],
      ["invitation.resend", first.invitationId, owner.id, "SUCCESS"],
      ["invitation.revoke", second.invitationId, owner.id, "SUCCESS"],
    ]);
    expect(events.map((e) => e.details)).toMatchObject([
      { email: "one@example.test", role: "VIEWER" },
      { email: "two@example.test", role: "DEVELOPER" },
      { email: "one@example.test", role: "VIEWER" },
      { email: "two@example.test", role: "DEVELOPER" },
    ]);
    expect(events.every((e) => e.targetType === "invitation")).toBe(true);
  });

  it("does not let an admin resend an owner's invitation, which would hand out the owner role", async () => {
    const { context } = await teamWorkspace({ permission: "invitation.manage" });
    const ownerInvite = await inviteMember(context, { email: "next-owner@example.test", role: "OWNER" });
    const { user: admin } = await addMember(context.workspace.id, "ADMIN");
    const adminContext = await authorizeWorkspace({ userId: admin.id }, context.workspace.slug, "invitation.manage");
    expect((await listInvitations(adminContext))[0]).toMatchObject({ role: "OWNER", canResend: false });
    await expect(resendInvitation(adminContext, { invitationId: ownerInvite.invitationId })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
  });

  it("keeps another workspace's members out: listing, revoking and resending are NOT_FOUND", async () => {
    const { context } = await teamWorkspace({ permission: "invitation.manage" });
    const issued = await inviteMember(context, { email: "target@example.test", role: "VIEWER" });
    const other = await teamWorkspace({ permission: "invitation.manage" });
    const outsider = { userId: other.owner.id };

    await expect(authorizeWorkspace(outsider, context.workspace.slug, "invitation.manage")).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    // With the context of their own workspace, this workspace's invitation id is unknown.
    await expect(revokeInvitation(other.context, { invitationId: issued.invitationId })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(resendInvitation(other.context, { invitationId: issued.invitationId })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect(await listInvitations(other.context)).toEqual([]);
    const row = await db().invitation.findUniqueOrThrow({ where: { id: issued.invitationId } });
    expect(row.revokedAt).toBeNull();
    expect(row.tokenHash).toBe(hashInvitationToken(tokenOf(issued.link)));
  });

  it("shows each user only the outbox emails addressed to their verified email", async () => {
    const { context } = await teamWorkspace({ permission: "member.invite" });
    const { user, issued } = await invitedUser(context, "VIEWER");
    const bystander = await createUser("Bystander");

    const mine = await listDevOutbox(user.id);
    expect(mine.messages).toHaveLength(1);
    expect(mine.messages[0]).toMatchObject({ to: user.email });
    expect(mine.messages[0]!.text).toContain(issued.link);
    expect((await listDevOutbox(bystander.id)).messages).toEqual([]);

    const unverified = await createUser("Unverified", { verified: false });
    await inviteMember(context, { email: unverified.email!, role: "VIEWER" });
    expect(await listDevOutbox(unverified.id)).toMatchObject({ verified: false, messages: [] });
  });
});
