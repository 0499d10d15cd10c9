import { describe, expect, it } from "vitest";
import { authorizeWorkspace } from "@/lib/authz/guard";
import type { Role } from "@/lib/authz/permissions";
import { db } from "@/lib/db/client";
import { acceptInvitation } from "@/lib/invitations/accept-invitation";
import { describeInvitation } from "@/lib/invitations/describe-invitation";
import { inviteMember } from "@/lib/invitations/invite-member";
import { INVITER_AUTHORITY_MESSAGE } from "@/lib/invitations/inviter-authority";
import { resendInvitation } from "@/lib/invitations/resend-invitation";
import { changeMemberRole } from "@/lib/members/change-member-role";
import { leaveWorkspace } from "@/lib/members/leave-workspace";
import { removeMember } from "@/lib/members/remove-member";
import { transferOwnership } from "@/lib/members/transfer-ownership";
import { addMember, createUser, teamWorkspace } from "../../support/factories";
import { tokenOf } from "./support";

// An invitation dies with its inviter's authority: once the inviter is removed, leaves, or
// is demoted below the invited role, the link can no longer make anyone a member.

/** A workspace whose admin invites a fresh user with `role`; the admin's membership and the invitee's token. */
async function adminInvites(role: Role) {
  const { context, slug, owner } = await teamWorkspace({ prefix: "inv", permission: "member.invite" });
  const admin = await addMember(context.workspace.id, "ADMIN", { name: "Inviter" });
  const adminContext = await authorizeWorkspace({ userId: admin.user.id }, slug, "member.invite");
  const invitee = await createUser("Invitee");
  const issued = await inviteMember(adminContext, { email: invitee.email!, role });
  return { context, slug, owner, admin, adminContext, invitee, issued, token: tokenOf(issued.link) };
}

async function ownerContext(ownerId: string, slug: string) {
  return authorizeWorkspace({ userId: ownerId }, slug, "member.changeRole");
}

async function isMember(workspaceId: string, userId: string) {
  return (await db().membership.count({ where: { workspaceId, userId } })) === 1;
}

describe("invitations die with their inviter's authority", () => {
  it("refuses an invitation whose inviter was removed, and revokes it", async () => {
    const { context, slug, owner, admin, invitee, issued, token } = await adminInvites("DEVELOPER");
    // Positive control: an invitation of the owner, sent at the same time, stays good.
    const ownerCtx = await ownerContext(owner.id, slug);
    const other = await createUser("Other");
    const fromOwner = await inviteMember(ownerCtx, { email: other.email!, role: "DEVELOPER" });

    await removeMember(await authorizeWorkspace({ userId: owner.id }, slug, "member.remove"), {
      membershipId: admin.membership.id,
    });

    await expect(acceptInvitation({ userId: invitee.id }, { token })).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await isMember(context.workspace.id, invitee.id)).toBe(false);
    const row = await db().invitation.findUniqueOrThrow({ where: { id: issued.invitationId } });
    expect(row.revokedAt).not.toBeNull();
    const removal = await db().auditEvent.findFirstOrThrow({
      where: { workspaceId: context.workspace.id, action: "member.remove" },
    });
    expect(removal.details).toMatchObject({ invitationsRevoked: 1 });

    await acceptInvitation({ userId: other.id }, { token: tokenOf(fromOwner.link) });
    expect(await isMember(context.workspace.id, other.id)).toBe(true);
  });

  it("refuses an admin's invitations once the admin is demoted to a role that cannot invite", async () => {
    const { context, slug, owner, admin, adminContext, invitee, token } = await adminInvites("ADMIN");
    const viewer = await createUser("Viewer");
    const viewerInvite = await inviteMember(adminContext, { email: viewer.email!, role: "VIEWER" });

    // Demoted to developer: developers may not invite anyone, so both die.
    await changeMemberRole(await ownerContext(owner.id, slug), {
      membershipId: admin.membership.id,
      role: "DEVELOPER",
    });
    await expect(acceptInvitation({ userId: invitee.id }, { token })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(acceptInvitation({ userId: viewer.id }, { token: tokenOf(viewerInvite.link) })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    expect(await isMember(context.workspace.id, invitee.id)).toBe(false);
    expect(await isMember(context.workspace.id, viewer.id)).toBe(false);
  });

  it("after a transfer the former owner's owner invitations die and their admin invitations stay", async () => {
    const { context, slug, owner } = await teamWorkspace({ prefix: "inv", permission: "member.invite" });
    const successor = await addMember(context.workspace.id, "ADMIN", { name: "Successor" });
    const ownerCtx = await authorizeWorkspace({ userId: owner.id }, slug, "member.invite");
    const wantsOwner = await createUser("WantsOwner");
    const wantsAdmin = await createUser("WantsAdmin");
    const ownerInvite = await inviteMember(ownerCtx, { email: wantsOwner.email!, role: "OWNER" });
    const adminInvite = await inviteMember(ownerCtx, { email: wantsAdmin.email!, role: "ADMIN" });

    await transferOwnership(await authorizeWorkspace({ userId: owner.id }, slug, "workspace.transfer"), {
      membershipId: successor.membership.id,
    });

    await expect(
      acceptInvitation({ userId: wantsOwner.id }, { token: tokenOf(ownerInvite.link) }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    await acceptInvitation({ userId: wantsAdmin.id }, { token: tokenOf(adminInvite.link) });
    expect(await isMember(context.workspace.id, wantsOwner.id)).toBe(false);
    expect(await isMember(context.workspace.id, wantsAdmin.id)).toBe(true);
  });

  it("refuses when the inviter left the workspace", async () => {
    const { context, slug, admin, invitee, token } = await adminInvites("VIEWER");
    await leaveWorkspace(await authorizeWorkspace({ userId: admin.user.id }, slug, "member.leave"));
    await expect(acceptInvitation({ userId: invitee.id }, { token })).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await isMember(context.workspace.id, invitee.id)).toBe(false);
  });

  it("checks the inviter's role at acceptance even when nothing revoked the invitation", async () => {
    const { context, admin, invitee, token } = await adminInvites("ADMIN");
    // As a path that forgot to revoke would leave it: the role changed, the invitation open.
    await db().membership.update({ where: { id: admin.membership.id }, data: { role: "DEVELOPER" } });

    await expect(describeInvitation(token, invitee.id)).resolves.toMatchObject({ problem: INVITER_AUTHORITY_MESSAGE });
    await expect(acceptInvitation({ userId: invitee.id }, { token })).rejects.toMatchObject({
      code: "CONFLICT",
      userMessage: INVITER_AUTHORITY_MESSAGE,
    });
    expect(await isMember(context.workspace.id, invitee.id)).toBe(false);

    // Positive control: back to admin, the same link works.
    await db().membership.update({ where: { id: admin.membership.id }, data: { role: "ADMIN" } });
    await expect(describeInvitation(token, invitee.id)).resolves.toMatchObject({ problem: null });
    await acceptInvitation({ userId: invitee.id }, { token });
    expect(await isMember(context.workspace.id, invitee.id)).toBe(true);
  });

  it("a resend by another admin puts the invitation on the resender's authority", async () => {
    const { context, slug, owner, admin, invitee, issued } = await adminInvites("DEVELOPER");
    const resent = await resendInvitation(await authorizeWorkspace({ userId: owner.id }, slug, "invitation.manage"), {
      invitationId: issued.invitationId,
    });
    await removeMember(await authorizeWorkspace({ userId: owner.id }, slug, "member.remove"), {
      membershipId: admin.membership.id,
    });
    await acceptInvitation({ userId: invitee.id }, { token: tokenOf(resent.link) });
    expect(await isMember(context.workspace.id, invitee.id)).toBe(true);
  });

  it("never lets an acceptance racing the inviter's removal through after the removal", async () => {
    for (let round = 0; round < 4; round++) {
      const { context, slug, owner, admin, invitee, token } = await adminInvites("DEVELOPER");
      const remover = await authorizeWorkspace({ userId: owner.id }, slug, "member.remove");
      const [accepted] = await Promise.allSettled([
        acceptInvitation({ userId: invitee.id }, { token }),
        removeMember(remover, { membershipId: admin.membership.id }),
      ]);
      const events = await db().auditEvent.findMany({
        where: { workspaceId: context.workspace.id, action: { in: ["invitation.accept", "member.remove"] } },
        orderBy: { id: "asc" },
      });
      if (accepted.status === "fulfilled") {
        // Accepted only because it committed while the inviter was still a member.
        expect(events.map((e) => e.action)).toEqual(["invitation.accept", "member.remove"]);
      } else {
        expect(events.map((e) => e.action)).toEqual(["member.remove"]);
        expect(await isMember(context.workspace.id, invitee.id)).toBe(false);
      }
    }
  });
});
