import { beforeAll, describe, expect, it } from "vitest";
import { createApiToken } from "@/lib/api-tokens/create-token";
import { listApiTokens } from "@/lib/api-tokens/list-tokens";
import { createApiTokenInput } from "@/lib/api-tokens/token-input";
import type { WorkspaceContext } from "@/lib/authz/context";
import { db } from "@/lib/db/client";
import { createEnvironment } from "@/lib/environments/create-environment";
import { deleteEnvironment } from "@/lib/environments/delete-environment";
import { setEnvironmentRole } from "@/lib/environments/environment-roles";
import { signedInAs, signedInMember, teamWorkspace } from "../../support/factories";
import { auditEvents } from "../../support/records";
import { call, failure } from "./support";

// API tokens scoped to one environment: they act only in it (runtimes, volumes, usage with
// ?environment=), never in another one nor on workspace-wide operations; the member's role
// in that environment caps them at once; deleting the environment revokes them, and a
// scoped token whose environment is gone works nowhere even if someone un-revoked it.

const SCOPED = (env: string) => `This token works only in the environment “${env}”: name it with ?environment=${env}.`;
const WIDE = (env: string) => `This token works only in the environment “${env}”, not on the whole workspace.`;
const tooLongVolume = { name: "x".repeat(41), size: "1Gi", storageClass: "standard", accessMode: "ReadWriteOnce" };

let owner: WorkspaceContext;
let slug: string;
let base: string;
let everywhere: string;

beforeAll(async () => {
  const team = await teamWorkspace({ prefix: "tokenv", permission: "apiToken.manage" });
  owner = team.context;
  slug = team.slug;
  base = `/workspaces/${slug}`;
  await createEnvironment(owner, { name: "prod" });
  await createEnvironment(owner, { name: "dev" });
  everywhere = (await createApiToken(owner, { name: "all", role: "OWNER", expiresInDays: 7 })).token;
});

describe("a token scoped to one environment", () => {
  it("acts in its environment only, and on no workspace-wide operation", async () => {
    const { token, id } = await createApiToken(owner, {
      name: "prod-ci",
      role: "DEVELOPER",
      expiresInDays: 7,
      environment: "prod",
    });
    for (const path of ["/runtimes", "/volumes", "/usage"]) {
      const answer = await call("GET", `${base}${path}?environment=prod`, { token });
      expect(answer.status, path).toBe(200);
    }
    // Past the guard in prod: a create fails on its name, not on the token.
    const inProd = await call("POST", `${base}/volumes?environment=prod`, { token, body: tooLongVolume });
    expect(inProd.status).toBe(422);

    const elsewhere: [string, string, unknown?][] = [
      ["GET", `${base}/runtimes`],
      ["GET", `${base}/runtimes?environment=default`],
      ["GET", `${base}/usage?environment=dev`],
      ["POST", `${base}/volumes?environment=dev`, tooLongVolume],
      ["DELETE", `${base}/runtimes/anything?environment=dev`],
    ];
    for (const [method, path, body] of elsewhere) {
      const answer = await call(method, path, { token, body });
      expect(answer.status, `${method} ${path}`).toBe(403);
      expect(answer.body.error).toEqual({ code: "FORBIDDEN", message: SCOPED("prod") });
    }
    for (const path of ["", "/members", "/statements"]) {
      const answer = await call("GET", `${base}${path}`, { token });
      expect(answer.status, path).toBe(403);
      expect(answer.body.error).toEqual({ code: "FORBIDDEN", message: WIDE("prod") });
    }
    const denied = (await auditEvents(owner.workspace.id, "runtime.read")).filter(
      (e) => (e.details as { apiTokenId?: string }).apiTokenId === id,
    );
    expect(denied[0]).toMatchObject({ outcome: "DENIED", details: { tokenEnvironment: "prod" } });

    // Positive control: an unscoped token of the same member acts in every environment and workspace-wide.
    for (const path of ["/runtimes", "/runtimes?environment=dev", "/usage?environment=prod", "", "/members"]) {
      expect((await call("GET", `${base}${path}`, { token: everywhere })).status, path).toBe(200);
    }
  });

  it("scoped to the default environment, acts there but not workspace-wide", async () => {
    const { token } = await createApiToken(owner, {
      name: "d",
      role: "VIEWER",
      expiresInDays: 1,
      environment: "default",
    });
    expect((await call("GET", `${base}/runtimes`, { token })).status).toBe(200);
    expect((await call("GET", `${base}/runtimes?environment=default`, { token })).status).toBe(200);
    const members = await call("GET", `${base}/members`, { token });
    expect(members).toMatchObject({ status: 403, body: { error: { message: WIDE("default") } } });
    const prod = await call("GET", `${base}/runtimes?environment=prod`, { token });
    expect(prod).toMatchObject({ status: 403, body: { error: { message: SCOPED("default") } } });
  });

  it("names a malformed or unknown environment", async () => {
    const bad = await call("GET", `${base}/runtimes?environment=${"x".repeat(30)}`, { token: everywhere });
    expect(bad.status).toBe(422);
    expect(bad.body.error).toMatchObject({ code: "INVALID_INPUT", field: "environment" });
    const unknown = await call("GET", `${base}/runtimes?environment=staging`, { token: everywhere });
    expect(unknown).toMatchObject({ status: 404, body: { error: { code: "NOT_FOUND" } } });
  });
});

describe("making a scoped token", () => {
  it("refuses an unknown environment and a role above the member's role there", async () => {
    const developer = await signedInMember(owner.workspace, "DEVELOPER", "apiToken.manage", { provision: true });
    await setEnvironmentRole(owner, { environment: "prod", membershipId: developer.membership.id, role: "VIEWER" });
    const unknown = await failure(
      createApiToken(developer, { name: "x", role: "VIEWER", expiresInDays: 1, environment: "staging" }),
    );
    expect(unknown.fieldErrors).toEqual({ environment: ["No such environment in this workspace."] });
    const tooHigh = await failure(
      createApiToken(developer, { name: "x", role: "DEVELOPER", expiresInDays: 1, environment: "prod" }),
    );
    expect(tooHigh.fieldErrors).toEqual({ role: ["A token's role cannot be higher than yours in prod (Viewer)."] });
    expect(await db().apiToken.count({ where: { membershipId: developer.membership.id } })).toBe(0);

    // Positive control: a viewer token for prod, a developer token for dev; the list says where.
    await createApiToken(developer, { name: "p", role: "VIEWER", expiresInDays: 1, environment: "prod" });
    const d = await createApiToken(developer, { name: "d", role: "DEVELOPER", expiresInDays: 1, environment: "dev" });
    const listed = await listApiTokens(developer);
    expect(listed.map((t) => [t.name, t.environment, t.environmentDeleted]).sort()).toEqual([
      ["d", "dev", false],
      ["p", "prod", false],
    ]);
    const audit = await auditEvents(owner.workspace.id, "apiToken.create");
    expect(audit.find((e) => e.targetId === d.id)?.details).toMatchObject({ name: "d", environment: "dev" });
  });

  it("reads a blank environment from the form as the whole workspace", () => {
    const form = { name: "n", role: "VIEWER", expiresInDays: "7" };
    expect(createApiTokenInput.parse({ ...form, environment: "" }).environment).toBeUndefined();
    expect(createApiTokenInput.parse({ ...form, environment: " Prod " }).environment).toBe("prod");
    expect(createApiTokenInput.safeParse({ ...form, environment: "x".repeat(30) }).success).toBe(false);
  });
});

describe("a scoped token follows its environment", () => {
  it("is limited at once when the member's role in that environment is lowered", async () => {
    const developer = await signedInMember(owner.workspace, "DEVELOPER", "apiToken.manage", { provision: true });
    const { token, id } = await createApiToken(developer, {
      name: "ci",
      role: "DEVELOPER",
      expiresInDays: 7,
      environment: "prod",
    });
    const create = () => call("POST", `${base}/volumes?environment=prod`, { token, body: tooLongVolume });
    expect((await create()).status).toBe(422);
    const lower = (role: "VIEWER" | "INHERIT") =>
      setEnvironmentRole(owner, { environment: "prod", membershipId: developer.membership.id, role });
    await lower("VIEWER");
    const refused = await create();
    expect(refused).toMatchObject({ status: 403, body: { error: { code: "FORBIDDEN" } } });
    const listed = await listApiTokens(await signedInAs(developer.actor.userId, slug, "apiToken.manage"));
    expect(listed.find((t) => t.id === id)).toMatchObject({ role: "DEVELOPER", effectiveRole: "VIEWER" });
    await lower("INHERIT");
    expect((await create()).status).toBe(422);
  });

  it("is revoked when its environment is deleted, and never works elsewhere afterwards", async () => {
    await createEnvironment(owner, { name: "temp" });
    const { token, id } = await createApiToken(owner, {
      name: "temp-ci",
      role: "OWNER",
      expiresInDays: 7,
      environment: "temp",
    });
    expect((await call("GET", `${base}/runtimes?environment=temp`, { token })).status).toBe(200);

    await deleteEnvironment(owner, { environment: "temp", confirm: "temp" });
    const answer = await call("GET", `${base}/runtimes?environment=temp`, { token });
    expect(answer).toMatchObject({ status: 401, body: { error: { message: "This API token was revoked." } } });
    const listed = (await listApiTokens(owner)).find((t) => t.id === id);
    expect(listed).toMatchObject({ state: "revoked", environment: "temp", environmentDeleted: true });
    const deleted = await auditEvents(owner.workspace.id, "environment.delete");
    expect(deleted.map((e) => e.details)).toEqual([
      expect.objectContaining({ environment: "temp", apiTokensRevoked: 1 }),
    ]);

    // Even un-revoked by hand, a token whose environment is gone is refused in every environment.
    await db().apiToken.update({ where: { id }, data: { revokedAt: null } });
    for (const path of ["/runtimes", "/runtimes?environment=prod", ""]) {
      expect((await call("GET", `${base}${path}`, { token })).status, path).toBe(403);
    }
    // Positive control: the unscoped token still works.
    expect((await call("GET", `${base}/runtimes?environment=prod`, { token: everywhere })).status).toBe(200);
  });
});
