import * as k8s from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROLES } from "@/lib/authz/permissions";
import { db } from "@/lib/db/client";
import { adminApi } from "@/lib/kube/client";
import { createSession } from "../../support/session";
import { auditEvents } from "../../support/records";
import { stackImage } from "../../support/real-node";
import { apiWorkspaces } from "./fixtures";
import { call, ORIGIN } from "./support";

// Who may call which operation of /api/v1: tokens of every role, of another workspace, a
// revoked and an expired one, none at all, and a browser's session cookie.

const apps = adminApi(k8s.AppsV1Api);
let fx: Awaited<ReturnType<typeof apiWorkspaces>>;
let slug: string;

const runtime = (name: string) => ({
  name,
  image: stackImage("web:1"),
  cpu: "50m",
  memory: "64Mi",
  replicas: 0,
  runtimeClass: "gvisor",
  ports: [{ port: 8080 }],
});
const volume = (name: string) => ({ name, size: "1Gi", storageClass: "standard", accessMode: "ReadWriteOnce" });

/** Every operation, with a request that the owner's token may make. */
const operations = (s: string) =>
  [
    ["GET", `/workspaces/${s}`],
    ["GET", `/workspaces/${s}/members`],
    ["GET", `/workspaces/${s}/usage`],
    ["GET", `/workspaces/${s}/runtimes`],
    ["GET", `/workspaces/${s}/volumes`],
    ["POST", `/workspaces/${s}/runtimes`, runtime("denied")],
    ["GET", `/workspaces/${s}/runtimes/held`],
    ["POST", `/workspaces/${s}/runtimes/held/scale`, { replicas: 0 }],
    ["POST", `/workspaces/${s}/runtimes/held/stop`],
    ["POST", `/workspaces/${s}/runtimes/held/start`],
    ["DELETE", `/workspaces/${s}/runtimes/held`],
    ["POST", `/workspaces/${s}/volumes`, volume("denied")],
    ["DELETE", `/workspaces/${s}/volumes/kept`],
    ["GET", `/workspaces/${s}/invitations`],
    ["POST", `/workspaces/${s}/invitations`, { email: "denied@canopy.test", role: "VIEWER" }],
    ["DELETE", `/workspaces/${s}/invitations/absent`],
    ["GET", `/workspaces/${s}/statements`],
  ] as [string, string, unknown?][];

/** What every member may do: the reads but the invitations (managers only). */
const readsForEveryone = (s: string) =>
  operations(s).filter(([method, path]) => method === "GET" && !path.endsWith("/invitations"));

beforeAll(async () => {
  fx = await apiWorkspaces("apia");
  slug = fx.a.slug;
  expect(
    (await call("POST", `/workspaces/${slug}/runtimes`, { token: fx.tokens.OWNER, body: runtime("held") })).status,
  ).toBe(201);
});

afterAll(async () => {
  await apps
    .deleteCollectionNamespacedDeployment({ namespace: fx.a.namespace, labelSelector: "canopy.dev/runtime" })
    .catch(() => undefined);
});

describe("authentication on /api/v1", () => {
  it("refuses every operation without a token, with a session cookie, a revoked, an expired or a forged token", async () => {
    const session = await createSession(fx.a.owner.id, ORIGIN);
    const forged = `cnp_${"A".repeat(43)}`;
    for (const [method, path, body] of operations(slug)) {
      const refusals = [
        { token: null, message: "Send an API token in the Authorization header: Bearer cnp_…" },
        {
          token: null,
          headers: { cookie: session.cookie },
          message: "Send an API token in the Authorization header: Bearer cnp_…",
        },
        { token: fx.revoked, message: "This API token was revoked." },
        { token: fx.expired, message: "This API token has expired." },
        { token: forged, message: "This API token is not valid." },
        { token: "ghp_notours", message: "This is not a Canopy API token." },
      ];
      for (const refusal of refusals) {
        const answer = await call(method, path, { token: refusal.token, headers: refusal.headers, body });
        expect(answer.status, `${method} ${path}`).toBe(401);
        expect(answer.body.error).toEqual({ code: "UNAUTHENTICATED", message: refusal.message });
        expect(answer.headers.get("www-authenticate")).toBe('Bearer realm="canopy"');
      }
    }
    // Positive control: the owner's live token reads the workspace.
    const answer = await call("GET", `/workspaces/${slug}`, { token: fx.tokens.OWNER });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ slug, kind: "TEAM", role: "OWNER", namespace: fx.a.namespace });
  });

  it("answers a token of another workspace with 404 on every operation, and changes nothing", async () => {
    for (const [method, path, body] of operations(slug)) {
      const answer = await call(method, path, { token: fx.other, body });
      expect(answer.status, `${method} ${path}`).toBe(404);
      expect(answer.body.error).toEqual({ code: "NOT_FOUND", message: "Workspace was not found." });
    }
    const deployment = await apps.readNamespacedDeployment({ name: "held", namespace: fx.a.namespace });
    expect(deployment.metadata?.deletionTimestamp).toBeUndefined();
    // Positive control: that token works in its own workspace.
    const own = await call("GET", `/workspaces/${fx.b.slug}/runtimes`, { token: fx.other });
    expect(own.status).toBe(200);
    expect(own.body).toEqual({ items: [], nextCursor: null });
  });
});

describe("roles on /api/v1", () => {
  it("lets every role read the workspace, its members, usage, runtimes and volumes", async () => {
    for (const role of ROLES) {
      for (const [method, path] of readsForEveryone(slug)) {
        const answer = await call(method, path, { token: fx.tokens[role] });
        expect(answer.status, `${role} ${method} ${path}`).toBe(200);
      }
      const members = await call("GET", `/workspaces/${slug}/members`, { token: fx.tokens[role] });
      expect(members.body.items.map((m: { role: string }) => m.role).sort()).toEqual([...ROLES].sort());
    }
  });

  it("refuses a viewer's token every change (403, audited), and lets a developer's make them", async () => {
    const writes = operations(slug).filter(
      ([m, path]) => m !== "GET" && (path.includes("/runtimes") || path.includes("/volumes")),
    );
    for (const [method, path, body] of writes) {
      const answer = await call(method, path, { token: fx.tokens.VIEWER, body });
      expect(answer.status, `${method} ${path}`).toBe(403);
      expect(answer.body.error.code).toBe("FORBIDDEN");
    }
    const denied = (await auditEvents(fx.a.workspace.id, "runtime.write")).filter((e) => e.outcome === "DENIED");
    expect(denied).toHaveLength(7);
    expect(denied[0]!.details).toMatchObject({ role: "VIEWER", apiTokenId: expect.any(String) });
    const stillHeld = await apps.readNamespacedDeployment({ name: "held", namespace: fx.a.namespace });
    expect(stillHeld.metadata?.deletionTimestamp).toBeUndefined();

    // Positive control: developer, admin and owner tokens create (and the audit names the token).
    for (const role of ["DEVELOPER", "ADMIN", "OWNER"] as const) {
      const name = `by-${role.toLowerCase()}`;
      const answer = await call("POST", `/workspaces/${slug}/runtimes`, {
        token: fx.tokens[role],
        body: runtime(name),
      });
      expect(answer.status, role).toBe(201);
      expect(answer.body).toMatchObject({ name, replicas: 0, phase: "Stopped", runtimeClass: "gvisor" });
    }
    const created = await auditEvents(fx.a.workspace.id, "runtime.create");
    expect(created.map((e) => e.targetId)).toEqual(expect.arrayContaining(["by-developer", "by-admin", "by-owner"]));
    expect(created.every((e) => typeof (e.details as { apiTokenId?: string }).apiTokenId === "string")).toBe(true);
  });
});

describe("invitations and statements on /api/v1", () => {
  it("lets only admins and owners manage invitations, up to the token's role", async () => {
    const invitations = `/workspaces/${slug}/invitations`;
    for (const role of ["VIEWER", "DEVELOPER"] as const) {
      for (const [method, path, body] of operations(slug).filter(([, p]) => p.includes("/invitations"))) {
        const answer = await call(method, path, { token: fx.tokens[role], body });
        expect(answer.status, `${role} ${method} ${path}`).toBe(403);
      }
    }
    // An admin may not invite an owner: refused on the role field.
    const tooHigh = await call("POST", invitations, {
      token: fx.tokens.ADMIN,
      body: { email: `boss-${slug}@canopy.test`, role: "OWNER" },
    });
    expect(tooHigh.status).toBe(403);
    expect(tooHigh.body.error).toMatchObject({ code: "FORBIDDEN", field: "role" });
    const malformed = await call("POST", invitations, {
      token: fx.tokens.ADMIN,
      body: { email: "nope", role: "VIEWER" },
    });
    expect(malformed.status).toBe(422);
    expect(malformed.body.error).toMatchObject({ field: "email", message: "Enter a valid email address." });

    // Positive control: the admin invites a developer, lists and revokes the invitation.
    const email = `dev-${slug}@canopy.test`;
    const invited = await call("POST", invitations, { token: fx.tokens.ADMIN, body: { email, role: "DEVELOPER" } });
    expect(invited.status).toBe(201);
    expect(invited.body).toMatchObject({ email, role: "DEVELOPER", delivery: expect.any(String) });
    const listed = await call("GET", invitations, { token: fx.tokens.OWNER });
    expect(listed.body.items).toEqual([expect.objectContaining({ id: invited.body.id, email, status: "pending" })]);
    const revoked = await call("DELETE", `${invitations}/${invited.body.id}`, { token: fx.tokens.ADMIN });
    expect(revoked).toMatchObject({ status: 202, body: { name: email } });
    expect((await call("GET", invitations, { token: fx.tokens.OWNER })).body.items).toEqual([]);
    const again = await call("DELETE", `${invitations}/${invited.body.id}`, { token: fx.tokens.ADMIN });
    expect(again.status).toBe(404);
  });

  it("keeps no invitation link in an Idempotency-Key's replay", async () => {
    const invitations = `/workspaces/${slug}/invitations`;
    const email = `replayed-${slug}@canopy.test`;
    const key = `invite-${slug}`;
    const request = { token: fx.tokens.ADMIN, body: { email, role: "VIEWER" }, headers: { "idempotency-key": key } };
    const first = await call("POST", invitations, request);
    expect(first.status).toBe(201);
    const link = first.body.link as string;
    expect(link).toMatch(/\/invite\/[^/]{20,}$/);
    const secret = link.slice(link.lastIndexOf("/") + 1);

    // The key's row holds the answer without the link: nothing in it can accept the invitation.
    const row = await db().idempotencyKey.findFirstOrThrow({ where: { key } });
    expect(row.status).toBe(201);
    expect(JSON.stringify(row.response)).not.toContain(secret);
    expect(row.response).toMatchObject({ id: first.body.id, email, link: null });

    const replay = await call("POST", invitations, request);
    expect(replay.status).toBe(201);
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    expect(replay.body).toEqual({ ...first.body, link: null });
    // Still one invitation, whose link the first answer gave.
    const listed = await call("GET", invitations, { token: fx.tokens.OWNER });
    expect(listed.body.items.filter((i: { email: string }) => i.email === email)).toHaveLength(1);
    await call("DELETE", `${invitations}/${first.body.id}`, { token: fx.tokens.ADMIN });
  });

  it("lists statements with money as integer micro-units in a string", async () => {
    await db().statement.create({
      data: {
        workspaceId: fx.a.workspace.id,
        month: new Date("2026-10-01T00:00:00Z"),
        totalMicros: 9_007_199_254_740_993n,
      },
    });
    for (const role of ROLES) {
      const answer = await call("GET", `/workspaces/${slug}/statements`, { token: fx.tokens[role] });
      expect(answer.status, role).toBe(200);
      expect(answer.body.items).toEqual([
        { month: "2026-10", totalMicros: "9007199254740993", currency: "USD", issuedAt: expect.any(String) },
      ]);
    }
  });
});
