import * as k8s from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiToken } from "@/lib/api-tokens/create-token";
import { ROLES } from "@/lib/authz/permissions";
import { createEnvironment } from "@/lib/environments/create-environment";
import { adminApi } from "@/lib/kube/client";
import { auditEvents } from "../../support/records";
import { stackImage } from "../../support/real-node";
import { apiWorkspaces } from "./fixtures";
import { call } from "./support";

// Environments through /api/v1: list, create, rename, delete and move quota (with a preview
// that changes nothing), over the console's domain functions and the one guard; and the
// runtimes, volumes and usage of one environment chosen with ?environment=. Every answer is
// checked against the OpenAPI document (./support.ts).

const apps = adminApi(k8s.AppsV1Api);
const core = adminApi(k8s.CoreV1Api);
let fx: Awaited<ReturnType<typeof apiWorkspaces>>;
let base: string;
let scoped: string;

const WIDE = "This token works only in the environment “dev”, not on the whole workspace.";

/** Every new environment operation, with a request an owner's token may make. */
const operations = (b: string): [string, string, unknown?][] => [
  ["GET", `${b}/environments`],
  ["POST", `${b}/environments`, { name: "denied" }],
  ["PATCH", `${b}/environments/dev`, { displayName: "Denied" }],
  ["DELETE", `${b}/environments/dev`],
  ["POST", `${b}/quota-moves`, { from: "default", to: "dev", pods: "1", preview: true }],
];
const writes = (b: string) => operations(b).filter(([method]) => method !== "GET");

const hardCpu = async (namespace: string) =>
  (await core.readNamespacedResourceQuota({ name: "canopy-quota", namespace })).spec?.hard?.["requests.cpu"];

beforeAll(async () => {
  fx = await apiWorkspaces("apienv");
  base = `/workspaces/${fx.a.slug}`;
  await createEnvironment(fx.a.context, { name: "dev" });
  scoped = (
    await createApiToken(fx.a.context, { name: "dev only", role: "OWNER", expiresInDays: 1, environment: "dev" })
  ).token;
});

afterAll(async () => {
  for (const namespace of [fx.a.namespace, `${fx.a.namespace}--dev`]) {
    await apps.deleteCollectionNamespacedDeployment({ namespace, labelSelector: "canopy.dev/runtime" }).catch(() => 0);
    await core.deleteCollectionNamespacedPersistentVolumeClaim({ namespace }).catch(() => 0);
  }
});

describe("who may manage environments through the API", () => {
  it("refuses no token, a revoked, an expired, another workspace's and a scoped token", async () => {
    for (const [method, path, body] of operations(base)) {
      for (const token of [null, fx.revoked, fx.expired]) {
        const answer = await call(method, path, { token, body });
        expect(answer.status, `${method} ${path}`).toBe(401);
        expect(answer.body.error.code).toBe("UNAUTHENTICATED");
      }
      const other = await call(method, path, { token: fx.other, body });
      expect(other.status, `${method} ${path}`).toBe(404);
      expect(other.body.error).toEqual({ code: "NOT_FOUND", message: "Workspace was not found." });
      const outside = await call(method, path, { token: scoped, body });
      expect(outside.status, `${method} ${path}`).toBe(403);
      expect(outside.body.error).toEqual({ code: "FORBIDDEN", message: WIDE });
    }
    // Positive control: the other workspace's token lists its own environments.
    const own = await call("GET", `/workspaces/${fx.b.slug}/environments`, { token: fx.other });
    expect(own.status).toBe(200);
    expect(own.body.items.map((e: { name: string }) => e.name)).toEqual(["default"]);
  });

  it("lets every role list, only admins and owners change", async () => {
    for (const role of ROLES) {
      const answer = await call("GET", `${base}/environments`, { token: fx.tokens[role] });
      expect(answer.status, role).toBe(200);
      expect(answer.body.items.map((e: { name: string }) => e.name)).toEqual(["default", "dev"]);
    }
    for (const role of ["VIEWER", "DEVELOPER"] as const) {
      for (const [method, path, body] of writes(base)) {
        const answer = await call(method, path, { token: fx.tokens[role], body });
        expect(answer.status, `${role} ${method} ${path}`).toBe(403);
        expect(answer.body.error.code).toBe("FORBIDDEN");
      }
    }
    const denied = (await auditEvents(fx.a.workspace.id, "environment.manage")).filter((e) => e.outcome === "DENIED");
    expect(denied.length).toBeGreaterThanOrEqual(8);
    // Positive control: an admin's and an owner's previews pass the guard.
    for (const role of ["ADMIN", "OWNER"] as const) {
      const [method, path, body] = writes(base).at(-1)!;
      expect((await call(method, path, { token: fx.tokens[role], body })).status, role).toBe(200);
    }
  });
});

describe("environments through the API", () => {
  it("creates (idempotently), renames, moves quota with a preview, and deletes", async () => {
    const admin = fx.tokens.ADMIN;
    const key = { "Idempotency-Key": `stage-${fx.a.slug}` };
    const created = await call("POST", `${base}/environments`, {
      token: admin,
      body: { name: "stage", displayName: "Staging" },
      headers: key,
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: "stage",
      displayName: "Staging",
      namespace: `${fx.a.namespace}--stage`,
      slice: { cpuMillis: 0, pods: 0 },
    });
    const replay = await call("POST", `${base}/environments`, {
      token: admin,
      body: { name: "stage", displayName: "Staging" },
      headers: key,
    });
    expect(replay).toMatchObject({ status: 201, body: created.body });
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    expect((await auditEvents(fx.a.workspace.id, "environment.create")).length).toBe(2); // dev and stage

    const renamed = await call("PATCH", `${base}/environments/stage`, { token: admin, body: { displayName: "QA" } });
    expect(renamed).toMatchObject({ status: 200, body: { name: "stage", displayName: "QA" } });

    const move = { from: "default", to: "stage", cpu: "0.5", pods: "3" };
    const preview = await call("POST", `${base}/quota-moves`, { token: admin, body: { ...move, preview: true } });
    expect(preview.status).toBe(200);
    const byName = Object.fromEntries(preview.body.environments.map((e: { name: string }) => [e.name, e]));
    expect(preview.body).toMatchObject({ preview: true, moved: { cpuMillis: 500, pods: 3, memoryMiB: 0 } });
    expect(byName.default).toMatchObject({ before: { cpuMillis: 8000 }, after: { cpuMillis: 7500 } });
    expect(byName.stage).toMatchObject({ before: { cpuMillis: 0 }, after: { cpuMillis: 500, pods: 3 }, used: null });
    expect(byName.default.used).toMatchObject({ cpuMillis: 0 });
    // The preview changed nothing.
    expect(await hardCpu(`${fx.a.namespace}--stage`)).toBe("0");
    const listed = await call("GET", `${base}/environments`, { token: fx.tokens.VIEWER });
    expect(listed.body.items.find((e: { name: string }) => e.name === "stage").slice.cpuMillis).toBe(0);

    const moved = await call("POST", `${base}/quota-moves`, { token: admin, body: move });
    expect(moved).toMatchObject({ status: 200, body: { preview: false, moved: { cpuMillis: 500 } } });
    expect(await hardCpu(`${fx.a.namespace}--stage`)).toBe("500m");
    expect(await hardCpu(fx.a.namespace)).toBe("7500m");
    const after = await call("GET", `${base}/environments`, { token: fx.tokens.VIEWER });
    expect(after.body.total).toMatchObject({ cpuMillis: 8000 });
    const sum = after.body.items.reduce((t: number, e: { slice: { cpuMillis: number } }) => t + e.slice.cpuMillis, 0);
    expect(sum).toBe(8000);

    const deleted = await call("DELETE", `${base}/environments/stage`, { token: fx.tokens.OWNER });
    expect(deleted).toMatchObject({ status: 202, body: { name: "stage", message: "Deleting." } });
    const left = await call("GET", `${base}/environments`, { token: fx.tokens.VIEWER });
    expect(left.body.items.map((e: { name: string }) => e.name)).toEqual(["default", "dev"]);
    expect(left.body.items[0].slice.cpuMillis).toBe(8000);
  });

  it("answers malformed or impossible requests with a 4xx naming the field", async () => {
    const owner = fx.tokens.OWNER;
    const cases: [string, string, { body?: unknown; rawBody?: string; headers?: Record<string, string> }, string][] = [
      ["POST", "/environments", { body: {} }, "name"],
      ["POST", "/environments", { body: { name: "Bad_Name" } }, "name"],
      ["POST", "/environments", { body: { name: "dev" } }, "name"],
      ["POST", "/environments", { body: { name: "ok", displayName: "x".repeat(41) } }, "displayName"],
      ["POST", "/environments", { rawBody: "nope", headers: { "content-type": "application/json" } }, "body"],
      ["POST", "/environments", { rawBody: "[]", headers: { "content-type": "application/json" } }, "body"],
      ["PATCH", "/environments/dev", { body: { displayName: "" } }, "displayName"],
      ["PATCH", "/environments/nope", { body: { displayName: "Nope" } }, "environment"],
      ["DELETE", "/environments/default", {}, "environment"],
      ["DELETE", "/environments/nope", {}, "environment"],
      ["POST", "/quota-moves", { body: { to: "dev", cpu: "1" } }, "from"],
      ["POST", "/quota-moves", { body: { from: "default", to: "default", cpu: "1" } }, "to"],
      ["POST", "/quota-moves", { body: { from: "default", to: "dev", cpu: "abc" } }, "cpu"],
      ["POST", "/quota-moves", { body: { from: "default", to: "dev", cpu: 1 } }, "cpu"],
      ["POST", "/quota-moves", { body: { from: "default", to: "dev" } }, "cpu"],
      ["POST", "/quota-moves", { body: { from: "dev", to: "default", pods: "1" } }, "pods"],
      ["POST", "/quota-moves", { body: { from: "default", to: "dev", pods: "1", preview: "yes" } }, "preview"],
      ["POST", "/quota-moves", { body: { from: "default", to: "nope", pods: "1" } }, "to"],
      // Workspace-wide operations take no environment, rather than ignoring it.
      ["GET", "/environments?environment=dev", {}, "environment"],
      ["GET", "/members?environment=dev", {}, "environment"],
    ];
    for (const [method, path, options, field] of cases) {
      const answer = await call(method, `${base}${path}`, { token: owner, ...options });
      const label = `${method} ${path} ${JSON.stringify(options.body ?? options.rawBody)}`;
      expect(answer.status, label).toBe(422);
      expect(answer.body.error.field, label).toBe(field);
      expect(answer.body.error.message.length, label).toBeGreaterThan(5);
    }
    const pods = await call("POST", `${base}/quota-moves`, {
      token: owner,
      body: { from: "dev", to: "default", pods: "1" },
    });
    expect(pods.body.error.message).toMatch(/has only 0 pods to give/);
  });
});

describe("runtimes, volumes and usage in one environment", () => {
  it("act in the environment ?environment= names, the default one without it", async () => {
    const owner = fx.tokens.OWNER;
    const give = { from: "default", to: "dev", cpu: "1", memory: "1", storage: "2", pods: "2", volumes: "2" };
    expect((await call("POST", `${base}/quota-moves`, { token: owner, body: { ...give, services: "2" } })).status).toBe(
      200,
    );
    const dev = `${fx.a.namespace}--dev`;
    const runtime = {
      name: "in-dev",
      image: stackImage("web:1"),
      cpu: "50m",
      memory: "64Mi",
      replicas: 0,
      runtimeClass: "gvisor",
      ports: [{ port: 8080 }],
    };
    const key = { "Idempotency-Key": `in-dev-${fx.a.slug}` };
    const created = await call("POST", `${base}/runtimes?environment=dev`, {
      token: fx.tokens.DEVELOPER,
      body: runtime,
      headers: key,
    });
    expect(created).toMatchObject({ status: 201, body: { name: "in-dev" } });
    expect((await apps.readNamespacedDeployment({ name: "in-dev", namespace: dev })).metadata?.name).toBe("in-dev");
    // The same key in another environment is another request.
    const again = await call("POST", `${base}/runtimes`, { token: fx.tokens.DEVELOPER, body: runtime, headers: key });
    expect(again).toMatchObject({ status: 422, body: { error: { field: "Idempotency-Key" } } });

    const inDev = await call("GET", `${base}/runtimes?environment=dev`, { token: fx.tokens.VIEWER });
    expect(inDev.body.items.map((r: { name: string }) => r.name)).toEqual(["in-dev"]);
    const inDefault = await call("GET", `${base}/runtimes`, { token: fx.tokens.VIEWER });
    expect(inDefault.body.items).toEqual([]);
    expect((await call("GET", `${base}/runtimes/in-dev`, { token: fx.tokens.VIEWER })).status).toBe(404);
    expect((await call("GET", `${base}/runtimes/in-dev?environment=dev`, { token: fx.tokens.VIEWER })).status).toBe(
      200,
    );

    const volume = { name: "dev-data", size: "1Gi", storageClass: "standard", accessMode: "ReadWriteOnce" };
    const made = await call("POST", `${base}/volumes?environment=dev`, { token: fx.tokens.DEVELOPER, body: volume });
    expect(made).toMatchObject({ status: 201, body: { name: "dev-data" } });
    const volumes = await call("GET", `${base}/volumes?environment=dev`, { token: fx.tokens.VIEWER });
    expect(volumes.body.items.map((v: { name: string }) => v.name)).toEqual(["dev-data"]);
    expect((await call("GET", `${base}/volumes`, { token: fx.tokens.VIEWER })).body.items).toEqual([]);

    const usage = await call("GET", `${base}/usage?environment=dev`, { token: fx.tokens.VIEWER });
    expect(usage).toMatchObject({ status: 200, body: { cpuMillis: { hard: 1000 }, pods: { hard: 2 } } });
    const wide = await call("GET", `${base}/usage`, { token: fx.tokens.VIEWER });
    expect(wide.body).toMatchObject({ cpuMillis: { hard: 7000 }, pods: { hard: 98 } });

    expect(
      (await call("DELETE", `${base}/volumes/dev-data?environment=dev`, { token: fx.tokens.DEVELOPER })).status,
    ).toBe(202);
    expect(
      (await call("DELETE", `${base}/runtimes/in-dev?environment=dev`, { token: fx.tokens.DEVELOPER })).status,
    ).toBe(202);
  });
});
