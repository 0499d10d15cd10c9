import * as k8s from "@kubernetes/client-node";
import { beforeAll, describe, expect, it } from "vitest";
import { createApiToken } from "@/lib/api-tokens/create-token";
import { db } from "@/lib/db/client";
import { createEnvironment } from "@/lib/environments/create-environment";
import { auditEvents } from "../../support/records";
import { eventually, statusOf } from "../../support/kube";
import { apiWorkspaces } from "./fixtures";
import { call, tokenFor } from "./support";

// Kubeconfigs through /api/v1: issued for the token's member in the environment ?environment=
// names, only with a token that holds the member's whole role and is not limited to one
// environment (a kubeconfig is the member's ServiceAccount, in every environment); listed and
// revoked, the member's own only. The kubeconfigs are used against the real API server.

let fx: Awaited<ReturnType<typeof apiWorkspaces>>;
let base: string;
let scoped: string;

function clusterAs(kubeconfig: string) {
  const kc = new k8s.KubeConfig();
  kc.loadFromString(kubeconfig);
  return { kc, core: kc.makeApiClient(k8s.CoreV1Api) };
}

const issue = (token: string, query = "", label = "ci") =>
  call("POST", `${base}/kubeconfigs${query}`, { token, body: { label, lifetimeHours: 1 } });

beforeAll(async () => {
  fx = await apiWorkspaces("apikc");
  base = `/workspaces/${fx.a.slug}`;
  await createEnvironment(fx.a.context, { name: "dev" });
  scoped = (
    await createApiToken(fx.a.context, { name: "dev only", role: "OWNER", expiresInDays: 1, environment: "dev" })
  ).token;
});

describe("who may use the kubeconfig operations", () => {
  it("refuses no token, a revoked, an expired, another workspace's and a scoped token", async () => {
    const operations: [string, string, unknown?][] = [
      ["POST", `${base}/kubeconfigs`, { label: "x", lifetimeHours: 1 }],
      ["GET", `${base}/kubeconfigs`],
      ["DELETE", `${base}/kubeconfigs/absent`],
    ];
    for (const [method, path, body] of operations) {
      for (const token of [null, fx.revoked, fx.expired]) {
        expect((await call(method, path, { token, body })).status, `${method} ${path}`).toBe(401);
      }
      const other = await call(method, path, { token: fx.other, body });
      expect(other).toMatchObject({ status: 404, body: { error: { message: "Workspace was not found." } } });
      expect((await call(method, path, { token: scoped, body })).status, `${method} ${path}`).toBe(403);
    }
    // Even in its own environment a scoped token may not issue: the kubeconfig would reach the others.
    const inDev = await issue(scoped, "?environment=dev");
    expect(inDev.status).toBe(403);
    expect(inDev.body.error.message).toBe(
      "A kubeconfig works in every environment you belong to, so a token limited to “dev” cannot issue one. " +
        "Use a token for the whole workspace.",
    );
    expect(await db().kubeconfigCredential.count({ where: { workspaceId: fx.a.workspace.id } })).toBe(0);
    // Positive control: the other workspace's owner issues in their own workspace.
    const own = await call("POST", `/workspaces/${fx.b.slug}/kubeconfigs`, {
      token: fx.other,
      body: { label: "own", lifetimeHours: 1 },
    });
    expect(own.status).toBe(201);
  });

  it("refuses a token below the member's role, and issues with every role's own", async () => {
    const capped = (await tokenFor(fx.a.context, "VIEWER")).token;
    const refused = await issue(capped);
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toBe(
      "A kubeconfig carries your whole role (Owner) and this token acts as Viewer. Use a token with your role, " +
        "or download the kubeconfig in the console.",
    );
    for (const role of ["VIEWER", "DEVELOPER", "ADMIN", "OWNER"] as const) {
      const answer = await issue(fx.tokens[role], "", role.toLowerCase());
      expect(answer.status, role).toBe(201);
      expect(answer.body).toMatchObject({
        label: role.toLowerCase(),
        environment: "default",
        namespace: fx.a.namespace,
        filename: `kubeconfig-${fx.a.slug}.yaml`,
        capped: false,
      });
    }
    const issued = await auditEvents(fx.a.workspace.id, "kubeconfig.issue");
    expect(issued.filter((e) => e.outcome === "SUCCESS")).toHaveLength(4);
    expect(issued.every((e) => typeof (e.details as { apiTokenId?: string }).apiTokenId === "string")).toBe(true);
  });
});

describe("kubeconfigs through the API", () => {
  it("issues in the chosen environment, with the member's role there at the API server", async () => {
    const viewer = await issue(fx.tokens.VIEWER, "?environment=dev");
    expect(viewer.status).toBe(201);
    expect(viewer.body).toMatchObject({ environment: "dev", namespace: `${fx.a.namespace}--dev` });
    expect(viewer.body.filename).toBe(`kubeconfig-${fx.a.slug}-dev.yaml`);
    const asViewer = clusterAs(viewer.body.kubeconfig);
    const namespace = `${fx.a.namespace}--dev`;
    expect(asViewer.kc.getContexts()[0]?.namespace).toBe(namespace);
    await expect(asViewer.core.listNamespacedPod({ namespace })).resolves.toBeDefined();
    const body = { metadata: { name: "from-api" }, data: { a: "b" } };
    expect(await statusOf(() => asViewer.core.createNamespacedConfigMap({ namespace, body }))).toMatchObject({
      code: 403,
    });
    // Positive control: the developer's kubeconfig creates there.
    const developer = clusterAs((await issue(fx.tokens.DEVELOPER, "?environment=dev")).body.kubeconfig);
    await expect(developer.core.createNamespacedConfigMap({ namespace, body })).resolves.toBeDefined();
    const unknown = await issue(fx.tokens.OWNER, "?environment=nope");
    expect(unknown).toMatchObject({ status: 404, body: { error: { code: "NOT_FOUND" } } });
  });

  it("lists and revokes the member's own only; a revoked kubeconfig stops working", async () => {
    const mine = await issue(fx.tokens.ADMIN, "", "admin-laptop");
    const theirs = await issue(fx.tokens.OWNER, "", "owner-laptop");
    const listed = await call("GET", `${base}/kubeconfigs`, { token: fx.tokens.ADMIN });
    expect(listed.status).toBe(200);
    const ids = listed.body.items.map((k: { id: string }) => k.id);
    expect(ids).toContain(mine.body.id);
    expect(ids).not.toContain(theirs.body.id);

    // An admin revokes anyone's in the console, but through the API only their own.
    const other = await call("DELETE", `${base}/kubeconfigs/${theirs.body.id}`, { token: fx.tokens.ADMIN });
    expect(other).toMatchObject({ status: 404, body: { error: { message: "That kubeconfig was not found." } } });
    const owners = clusterAs(theirs.body.kubeconfig);
    await expect(owners.core.listNamespacedPod({ namespace: fx.a.namespace })).resolves.toBeDefined();

    const revoked = await call("DELETE", `${base}/kubeconfigs/${mine.body.id}`, { token: fx.tokens.ADMIN });
    expect(revoked).toMatchObject({ status: 202, body: { name: "admin-laptop", message: "Revoked." } });
    const after = await call("GET", `${base}/kubeconfigs`, { token: fx.tokens.ADMIN });
    expect(after.body.items.find((k: { id: string }) => k.id === mine.body.id)).toMatchObject({
      status: "revoked",
      revokedAt: expect.any(String),
    });
    const admins = clusterAs(mine.body.kubeconfig);
    await eventually("the revoked kubeconfig refused", async () =>
      (await statusOf(() => admins.core.listNamespacedPod({ namespace: fx.a.namespace })))?.code === 401
        ? true
        : undefined,
    );
    // Positive control: the owner's kubeconfig still works.
    await expect(owners.core.listNamespacedPod({ namespace: fx.a.namespace })).resolves.toBeDefined();
  });

  it("answers malformed requests with a 4xx naming the field", async () => {
    const cases: [string, string, { body?: unknown; rawBody?: string; headers?: Record<string, string> }, string][] = [
      ["POST", "/kubeconfigs", { body: {} }, "label"],
      ["POST", "/kubeconfigs", { body: { label: " ", lifetimeHours: 1 } }, "label"],
      ["POST", "/kubeconfigs", { body: { label: "x" } }, "lifetimeHours"],
      ["POST", "/kubeconfigs", { body: { label: "x", lifetimeHours: 0 } }, "lifetimeHours"],
      ["POST", "/kubeconfigs", { body: { label: "x", lifetimeHours: 1.5 } }, "lifetimeHours"],
      ["POST", "/kubeconfigs", { rawBody: "{", headers: { "content-type": "application/json" } }, "body"],
      ["POST", "/kubeconfigs", { rawBody: "{}", headers: { "content-type": "text/plain" } }, "body"],
      ["POST", `/kubeconfigs?environment=${"x".repeat(30)}`, { body: { label: "x", lifetimeHours: 1 } }, "environment"],
      ["GET", "/kubeconfigs?limit=0", {}, "limit"],
      ["DELETE", `/kubeconfigs/${"x".repeat(65)}`, {}, "id"],
    ];
    for (const [method, path, options, field] of cases) {
      const answer = await call(method, `${base}${path}`, { token: fx.tokens.OWNER, ...options });
      const label = `${method} ${path} ${JSON.stringify(options.body ?? options.rawBody)}`;
      expect(answer.status, label).toBe(422);
      expect(answer.body.error.field, label).toBe(field);
    }
  });
});
