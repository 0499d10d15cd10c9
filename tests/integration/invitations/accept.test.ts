import * as k8s from "@kubernetes/client-node";
import { describe, expect, it } from "vitest";
import { authorizeWorkspace } from "@/lib/authz/guard";
import { db } from "@/lib/db/client";
import { adminApi } from "@/lib/kube/client";
import { acceptInvitation } from "@/lib/invitations/accept-invitation";
import { declineInvitation } from "@/lib/invitations/decline-invitation";
import { describeInvitation } from "@/lib/invitations/describe-invitation";
import { inviteMember } from "@/lib/invitations/invite-member";
import { MEMBERS_NAMESPACE, memberRoleBindingName, memberServiceAccountName } from "@/lib/tenancy/kube-names";
import { listInvitations } from "@/lib/invitations/list-invitations";
import { resendInvitation } from "@/lib/invitations/resend-invitation";
import { revokeInvitation } from "@/lib/invitations/revoke-invitation";
import { createUser, teamWorkspace } from "../../support/factories";
import { invitedUser, tokenOf } from "./support";

const core = adminApi(k8s.CoreV1Api);
const rbac = adminApi(k8s.RbacAuthorizationV1Api);

async function membershipsOf(workspaceId: string, userId: string) {
  return db().membership.findMany({ where: { workspaceId, userId } });
}

describe("accepting and declining", () => {
  it("makes the invitee a member with the invited role, with their ServiceAccount and RoleBinding", async () => {
    const { context, slug } = await teamWorkspace({ permission: "member.invite" });
    const { user, issued, token } = await invitedUser(context, "DEVELOPER");

    const preview = await describeInvitation(token, null);
    expect(preview).toEqual({
      workspaceName: context.workspace.displayName,
      inviterName: expect.any(String),
      role: "DEVELOPER",
      maskedEmail: `i***@canopy.test`,
      problem: null,
    });

    expect(await acceptInvitation({ userId: user.id }, { token })).toEqual({ slug });
    const [membership] = await membershipsOf(context.workspace.id, user.id);
    expect(membership?.role).toBe("DEVELOPER");
    const member = await authorizeWorkspace({ userId: user.id }, slug, "runtime.write");
    expect(member.membership.role).toBe("DEVELOPER");

    const account = await core.readNamespacedServiceAccount({
      name: memberServiceAccountName(membership!.id),
      namespace: MEMBERS_NAMESPACE,
    });
    expect(account.metadata?.labels?.["canopy.dev/membership-id"]).toBe(membership!.id);
    const binding = await rbac.readNamespacedRoleBinding({
      name: memberRoleBindingName(membership!.id),
      namespace: context.namespace,
    });
    expect(binding.roleRef.name).toBe("canopy-developer");
    expect(binding.subjects).toEqual([
      { kind: "ServiceAccount", name: memberServiceAccountName(membership!.id), namespace: MEMBERS_NAMESPACE },
    ]);

    const row = await db().invitation.findUniqueOrThrow({ where: { id: issued.invitationId } });
    expect(row.acceptedById).toBe(user.id);
    expect(row.acceptedAt).not.toBeNull();
    const audit = await db().auditEvent.findFirstOrThrow({
      where: { workspaceId: context.workspace.id, action: "invitation.accept" },
    });
    expect(audit).toMatchObject({ actorId: user.id, targetType: "invitation", targetId: issued.invitationId });
    expect(audit.details).toMatchObject({ email: user.email, role: "DEVELOPER", membershipId: membership!.id });
    expect(await listInvitations(context)).toEqual([]);
  });

  it("is single use: a second accept is refused", async () => {
    const { context } = await teamWorkspace({ permission: "member.invite" });
    const { user, token } = await invitedUser(context, "VIEWER");
    await acceptInvitation({ userId: user.id }, { token });
    await expect(acceptInvitation({ userId: user.id }, { token })).rejects.toMatchObject({
      code: "CONFLICT",
      userMessage: "This invitation has already been used.",
    });
    expect((await describeInvitation(token, null)).problem).toBe("This invitation has already been used.");
    expect(await membershipsOf(context.workspace.id, user.id)).toHaveLength(1);
  });

  it("refuses an account whose email is not the invited one, naming the masked address", async () => {
    const { context } = await teamWorkspace({ permission: "member.invite" });
    const { token } = await invitedUser(context);
    const stranger = await createUser("Stranger");
    await expect(acceptInvitation({ userId: stranger.id }, { token })).rejects.toMatchObject({
      code: "FORBIDDEN",
      userMessage: expect.stringContaining("This invitation is for i***@canopy.test."),
    });
    await expect(declineInvitation({ userId: stranger.id }, { token })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect((await describeInvitation(token, stranger.id)).problem).toMatch(/is for i\*\*\*@canopy\.test/);
    expect(await membershipsOf(context.workspace.id, stranger.id)).toEqual([]);
  });

  it("refuses an account whose matching email is not verified", async () => {
    const { context } = await teamWorkspace({ permission: "member.invite" });
    const { user, token } = await invitedUser(context, "DEVELOPER", { verified: false });
    await expect(acceptInvitation({ userId: user.id }, { token })).rejects.toMatchObject({
      code: "FORBIDDEN",
      userMessage: expect.stringMatching(/not verified/),
    });
    expect(await membershipsOf(context.workspace.id, user.id)).toEqual([]);
  });

  it("refuses an expired invitation", async () => {
    const { context } = await teamWorkspace({ permission: "member.invite" });
    const { user, issued, token } = await invitedUser(context);
    await db().invitation.update({ where: { id: issued.invitationId }, data: { expiresAt: new Date(Date.now() - 1) } });
    await expect(acceptInvitation({ userId: user.id }, { token })).rejects.toMatchObject({
      code: "CONFLICT",
      userMessage: expect.stringMatching(/has expired/),
    });
    expect(await membershipsOf(context.workspace.id, user.id)).toEqual([]);
  });

  it("refuses a revoked invitation", async () => {
    const { context } = await teamWorkspace({ permission: "member.invite" });
    const { user, issued, token } = await invitedUser(context);
    await revokeInvitation(context, { invitationId: issued.invitationId });
    await expect(acceptInvitation({ userId: user.id }, { token })).rejects.toMatchObject({
      code: "CONFLICT",
      userMessage: "This invitation was revoked by the workspace.",
    });
    await expect(revokeInvitation(context, { invitationId: issued.invitationId })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });

  it("resending invalidates the old link; the new one works", async () => {
    const { context } = await teamWorkspace({ permission: "invitation.manage" });
    const { user, issued, token: oldToken } = await invitedUser(context, "ADMIN");
    const resent = await resendInvitation(context, { invitationId: issued.invitationId });
    const newToken = tokenOf(resent.link);
    expect(newToken).not.toBe(oldToken);

    await expect(acceptInvitation({ userId: user.id }, { token: oldToken })).rejects.toMatchObject({
      code: "NOT_FOUND",
      userMessage: expect.stringMatching(/not valid/),
    });
    await expect(describeInvitation(oldToken, null)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await acceptInvitation({ userId: user.id }, { token: newToken });
    expect((await membershipsOf(context.workspace.id, user.id))[0]?.role).toBe("ADMIN");
    const mails = await db().outboundEmail.findMany({ where: { to: user.email! }, orderBy: { createdAt: "asc" } });
    expect(mails.map((m) => m.text.includes(resent.link))).toEqual([false, true]);
  });

  it("declines: no membership, the link is spent, and it is audited", async () => {
    const { context } = await teamWorkspace({ permission: "member.invite" });
    const { user, issued, token } = await invitedUser(context, "VIEWER");
    expect(await declineInvitation({ userId: user.id }, { token })).toEqual({
      workspaceName: context.workspace.displayName,
    });
    await expect(acceptInvitation({ userId: user.id }, { token })).rejects.toMatchObject({
      code: "CONFLICT",
      userMessage: expect.stringMatching(/declined/),
    });
    expect(await membershipsOf(context.workspace.id, user.id)).toEqual([]);
    const audit = await db().auditEvent.findFirstOrThrow({
      where: { workspaceId: context.workspace.id, action: "invitation.decline" },
    });
    expect(audit).toMatchObject({ actorId: user.id, targetId: issued.invitationId, outcome: "SUCCESS" });
    expect(audit.details).toMatchObject({ email: user.email, role: "VIEWER" });
  });

  it("turns concurrent accepts into exactly one membership", async () => {
    const { context } = await teamWorkspace({ permission: "member.invite" });
    const { user, token } = await invitedUser(context, "DEVELOPER");
    const results = await Promise.allSettled(
      Array.from({ length: 4 }, () => acceptInvitation({ userId: user.id }, { token })),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results) {
      if (r.status === "rejected") expect(r.reason).toMatchObject({ code: "CONFLICT" });
    }
    expect(await membershipsOf(context.workspace.id, user.id)).toHaveLength(1);
    expect(
      await db().auditEvent.count({ where: { workspaceId: context.workspace.id, action: "invitation.accept" } }),
    ).toBe(1);
  });

  it("tells an existing member they already belong, and treats a malformed token as not valid", async () => {
    const { owner, context } = await teamWorkspace({ permission: "member.invite" });
    const { user, token } = await invitedUser(context, "VIEWER");
    // The invitee joined some other way meanwhile.
    await db().membership.create({ data: { workspaceId: context.workspace.id, userId: user.id, role: "VIEWER" } });
    await expect(acceptInvitation({ userId: user.id }, { token })).rejects.toMatchObject({
      code: "CONFLICT",
      userMessage: `You are already a member of ${context.workspace.displayName}.`,
    });
    expect((await describeInvitation(token, user.id)).problem).toMatch(/already a member/);
    // Nothing was claimed by the refused accept.
    expect(
      await listInvitations(
        await authorizeWorkspace({ userId: owner.id }, context.workspace.slug, "invitation.manage"),
      ),
    ).toHaveLength(1);

    for (const bad of ["", "short", `${token}x`, token.replace(/./, "!")]) {
      await expect(acceptInvitation({ userId: user.id }, { token: bad })).rejects.toMatchObject({ code: "NOT_FOUND" });
    }
    const guessed = Buffer.alloc(32, 7).toString("base64url");
    await expect(describeInvitation(guessed, null)).rejects.toMatchObject({ code: "NOT_FOUND" });
    // An invite for an email already taken by a member is refused at the source as well.
    await expect(inviteMember(context, { email: user.email!, role: "VIEWER" })).rejects.toMatchObject({
      code: "INVALID_INPUT",
    });
  });
});
