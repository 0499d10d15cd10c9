import { beforeAll, describe, expect, it } from "vitest";
import { createApiToken } from "@/lib/api-tokens/create-token";
import { listApiTokens } from "@/lib/api-tokens/list-tokens";
import { revokeApiToken } from "@/lib/api-tokens/revoke-token";
import { listAuditEvents } from "@/lib/audit/list-audit-events";
import { hashToken } from "@/lib/api-tokens/token-secret";
import type { WorkspaceContext } from "@/lib/authz/context";
import { env } from "@/lib/config/env";
import { db } from "@/lib/db/client";
import { changeMemberRole } from "@/lib/members/change-member-role";
import { removeMember } from "@/lib/members/remove-member";
import { signedInAs, signedInMember, teamWorkspace } from "../../support/factories";
import { auditEvents } from "../../support/records";
import { call, failure } from "./support";

// Personal access tokens: a role no higher than the member's, an expiry within the
// operator's maximum, stored hashed, listed with last use, revocable; a demotion caps and a
// removal ends a member's tokens on the very next request.

let owner: WorkspaceContext;
let slug: string;

beforeAll(async () => {
  const team = await teamWorkspace({ prefix: "tok", permission: "apiToken.manage" });
  owner = team.context;
  slug = team.slug;
});

describe("making tokens", () => {
  it("refuses a role above the member's own and an expiry past the operator's maximum", async () => {
    const developer = await signedInMember(owner.workspace, "DEVELOPER", "apiToken.manage");
    const tooHigh = await failure(createApiToken(developer, { name: "ci", role: "ADMIN", expiresInDays: 7 }));
    expect(tooHigh.fieldErrors).toEqual({ role: ["A token's role cannot be higher than yours (Developer)."] });
    const max = env().CANOPY_API_TOKEN_MAX_DAYS;
    const tooLong = await failure(createApiToken(developer, { name: "ci", role: "VIEWER", expiresInDays: max + 1 }));
    expect(tooLong.fieldErrors).toEqual({ expiresInDays: [`A token lasts at most ${max} days on this platform.`] });
    expect(await db().apiToken.count({ where: { membershipId: developer.membership.id } })).toBe(0);

    // Positive control: their own role, and a lower one, for the longest time allowed.
    await createApiToken(developer, { name: "ci", role: "DEVELOPER", expiresInDays: max });
    await createApiToken(developer, { name: "dash", role: "VIEWER", expiresInDays: 1 });
    expect(await db().apiToken.count({ where: { membershipId: developer.membership.id } })).toBe(2);
  });

  it("returns the secret once and stores only its hash; lists tokens with their last use", async () => {
    const made = await createApiToken(owner, { name: "deploy", role: "DEVELOPER", expiresInDays: 30 });
    expect(made.token).toMatch(/^cnp_[A-Za-z0-9_-]{43}$/);
    const row = await db().apiToken.findUniqueOrThrow({ where: { id: made.id } });
    expect(row.secretHash).toBe(hashToken(made.token));
    expect(JSON.stringify(row)).not.toContain(made.token.slice(4));
    expect(row.prefix).toBe(made.token.slice(0, 8));
    const audit = await auditEvents(owner.workspace.id, "apiToken.create");
    expect(JSON.stringify(audit.map((e) => e.details))).not.toContain(made.token.slice(4));

    const before = (await listApiTokens(owner)).find((t) => t.id === made.id)!;
    expect(before).toMatchObject({ name: "deploy", role: "DEVELOPER", state: "active", lastUsedAt: null });
    expect((await call("GET", `/workspaces/${slug}`, { token: made.token })).status).toBe(200);
    const after = (await listApiTokens(owner)).find((t) => t.id === made.id)!;
    expect(after.lastUsedAt).toBeInstanceOf(Date);
    expect(Date.now() - after.lastUsedAt!.getTime()).toBeLessThan(60_000);
  });

  it("revokes a token at once; another member cannot revoke it", async () => {
    const made = await createApiToken(owner, { name: "short", role: "VIEWER", expiresInDays: 1 });
    const other = await signedInMember(owner.workspace, "ADMIN", "apiToken.manage");
    const refused = await failure(revokeApiToken(other, { id: made.id }));
    expect(refused.code).toBe("NOT_FOUND");
    expect((await call("GET", `/workspaces/${slug}`, { token: made.token })).status).toBe(200);

    await revokeApiToken(owner, { id: made.id });
    const answer = await call("GET", `/workspaces/${slug}`, { token: made.token });
    expect(answer.status).toBe(401);
    expect((await listApiTokens(owner)).find((t) => t.id === made.id)?.state).toBe("revoked");
    expect((await auditEvents(owner.workspace.id, "apiToken.revoke")).map((e) => e.targetId)).toContain(made.id);
    // The audit log names the token for people.
    const log = await listAuditEvents(await signedInAs(owner.actor.userId, slug, "audit.read"), {});
    const revokedEvent = log.events.find((e) => e.action === "apiToken.revoke" && e.targetId === made.id);
    expect(revokedEvent?.target).toEqual({ kind: "API token", label: "short", id: made.id });
  });

  it("is refused to a request that itself comes with a token", async () => {
    const made = await createApiToken(owner, { name: "bot", role: "OWNER", expiresInDays: 1 });
    const asToken = await signedInAs(owner.actor.userId, slug, "apiToken.manage");
    const viaToken = { ...asToken, actor: { ...asToken.actor, apiToken: { id: made.id } } };
    const refused = await failure(createApiToken(viaToken, { name: "child", role: "VIEWER", expiresInDays: 1 }));
    expect(refused.code).toBe("FORBIDDEN");
  });
});

describe("tokens follow the membership", () => {
  it("acts with the member's lower role after a demotion, and the token's own when lower", async () => {
    const member = await signedInMember(owner.workspace, "ADMIN", "apiToken.manage", { provision: true });
    const admin = await createApiToken(member, { name: "admin", role: "ADMIN", expiresInDays: 7 });
    const viewer = await createApiToken(member, { name: "viewer", role: "VIEWER", expiresInDays: 7 });
    const create = (token: string) =>
      call("POST", `/workspaces/${slug}/volumes`, {
        token,
        body: { name: "x".repeat(41), size: "1Gi", storageClass: "standard", accessMode: "ReadWriteOnce" },
      });
    // A write past the guard fails on its name (422): the guard let it through.
    expect((await create(admin.token)).status).toBe(422);
    expect((await create(viewer.token)).status).toBe(403);
    expect((await call("GET", `/workspaces/${slug}`, { token: admin.token })).body.role).toBe("ADMIN");

    const ownerAdmin = await signedInAs(owner.actor.userId, slug, "member.changeRole");
    await changeMemberRole(ownerAdmin, { membershipId: member.membership.id, role: "VIEWER" });
    expect((await create(admin.token)).status).toBe(403);
    expect((await call("GET", `/workspaces/${slug}`, { token: admin.token })).body.role).toBe("VIEWER");
    const listed = await listApiTokens(await signedInAs(member.actor.userId, slug, "apiToken.manage"));
    expect(listed.find((t) => t.id === admin.id)).toMatchObject({ role: "ADMIN", effectiveRole: "VIEWER" });

    // Back to developer: the admin token may write again, as a developer.
    await changeMemberRole(ownerAdmin, { membershipId: member.membership.id, role: "DEVELOPER" });
    expect((await create(admin.token)).status).toBe(422);
  });

  it("ends with the membership: a removed member's tokens are gone", async () => {
    const member = await signedInMember(owner.workspace, "DEVELOPER", "apiToken.manage");
    const made = await createApiToken(member, { name: "leaver", role: "DEVELOPER", expiresInDays: 7 });
    const keeper = await createApiToken(owner, { name: "keeper", role: "OWNER", expiresInDays: 7 });
    expect((await call("GET", `/workspaces/${slug}/members`, { token: made.token })).status).toBe(200);

    await removeMember(await signedInAs(owner.actor.userId, slug, "member.remove"), {
      membershipId: member.membership.id,
    });
    const answer = await call("GET", `/workspaces/${slug}/members`, { token: made.token });
    expect(answer.status).toBe(401);
    expect(await db().apiToken.count({ where: { id: made.id } })).toBe(0);
    // Positive control: the owner's token still works, and no longer lists the member.
    const members = await call("GET", `/workspaces/${slug}/members`, { token: keeper.token });
    expect(members.status).toBe(200);
    expect(members.body.items.map((m: { userId: string }) => m.userId)).not.toContain(member.actor.userId);
  });
});
