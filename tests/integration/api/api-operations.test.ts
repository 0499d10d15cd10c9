import * as k8s from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pruneIdempotencyKeys } from "@/lib/api/idempotency";
import { db } from "@/lib/db/client";
import { adminApi } from "@/lib/kube/client";
import { eventually } from "../../support/kube";
import { stackImage } from "../../support/real-node";
import { apiWorkspaces } from "./fixtures";
import { call } from "./support";

// What the operations of /api/v1 do: the runtime lifecycle as a developer's token, volumes,
// the preflight's refusals, malformed requests (a 4xx naming the field, never a 500),
// cursor pagination and idempotency keys. Every answer is checked against the OpenAPI
// document (./support.ts).

const apps = adminApi(k8s.AppsV1Api);
const core = adminApi(k8s.CoreV1Api);
let fx: Awaited<ReturnType<typeof apiWorkspaces>>;
let base: string;
let dev: string;

const runtime = (name: string, overrides: Record<string, unknown> = {}) => ({
  name,
  image: stackImage("web:1"),
  cpu: "50m",
  memory: "64Mi",
  replicas: 0,
  runtimeClass: "gvisor",
  ports: [{ port: 8080 }],
  ...overrides,
});

const replicasOf = async (name: string) =>
  (await apps.readNamespacedDeployment({ name, namespace: fx.a.namespace })).spec?.replicas;

beforeAll(async () => {
  fx = await apiWorkspaces("apio");
  base = `/workspaces/${fx.a.slug}`;
  dev = fx.tokens.DEVELOPER;
});

afterAll(async () => {
  const namespace = fx.a.namespace;
  await apps.deleteCollectionNamespacedDeployment({ namespace, labelSelector: "canopy.dev/runtime" }).catch(() => 0);
  await core.deleteCollectionNamespacedPersistentVolumeClaim({ namespace }).catch(() => 0);
});

describe("runtimes through the API", () => {
  it("creates, reads, scales, stops, starts and deletes a runtime", async () => {
    const created = await call("POST", `${base}/runtimes`, { token: dev, body: runtime("api-web") });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: "api-web", replicas: 0, cpuMillis: 50, memoryMiB: 64, ports: [8080] });

    const read = await call("GET", `${base}/runtimes/api-web`, { token: fx.tokens.VIEWER });
    expect(read).toMatchObject({ status: 200, body: { name: "api-web", image: stackImage("web:1") } });

    const scaled = await call("POST", `${base}/runtimes/api-web/scale`, { token: dev, body: { replicas: 1 } });
    expect(scaled).toMatchObject({ status: 202, body: { name: "api-web", message: "Scaling to 1." } });
    expect(await replicasOf("api-web")).toBe(1);

    expect((await call("POST", `${base}/runtimes/api-web/stop`, { token: dev })).status).toBe(202);
    expect(await replicasOf("api-web")).toBe(0);
    expect((await call("POST", `${base}/runtimes/api-web/start`, { token: dev })).status).toBe(202);
    expect(await replicasOf("api-web")).toBe(1);

    const deleted = await call("DELETE", `${base}/runtimes/api-web`, { token: dev });
    expect(deleted).toMatchObject({ status: 202, body: { name: "api-web", message: "Deleting." } });
    await eventually("the deployment gone", async () =>
      (await apps.listNamespacedDeployment({ namespace: fx.a.namespace })).items.some(
        (d) => d.metadata?.name === "api-web",
      )
        ? undefined
        : true,
    );
    const gone = await call("GET", `${base}/runtimes/api-web`, { token: dev });
    expect(gone.status).toBe(404);
  });

  it("refuses what the preflight refuses, naming the field, and creates nothing", async () => {
    const wrongClass = await call("POST", `${base}/runtimes`, {
      token: dev,
      body: runtime("api-bad", { runtimeClass: "runc" }),
    });
    expect(wrongClass.status).toBe(422);
    expect(wrongClass.body.error).toMatchObject({ code: "INVALID_INPUT", field: "runtimeClass" });
    const tooBig = await call("POST", `${base}/runtimes`, {
      token: dev,
      body: runtime("api-bad", { replicas: 20, cpu: "8" }),
    });
    expect(tooBig.status).toBe(422);
    expect(tooBig.body.error.field).toBeDefined();
    const list = await call("GET", `${base}/runtimes`, { token: dev });
    expect(list.body.items.map((r: { name: string }) => r.name)).not.toContain("api-bad");
  });
});

describe("malformed requests", () => {
  const cases: [
    string,
    string,
    { rawBody?: string; body?: unknown; headers?: Record<string, string> },
    string,
    string,
  ][] = [
    [
      "POST",
      "/runtimes",
      { rawBody: "{not json", headers: { "content-type": "application/json" } },
      "body",
      "The body is not valid JSON.",
    ],
    [
      "POST",
      "/runtimes",
      { rawBody: "[1,2]", headers: { "content-type": "application/json" } },
      "body",
      "Send a JSON object.",
    ],
    [
      "POST",
      "/runtimes",
      { rawBody: "name=x", headers: { "content-type": "application/x-www-form-urlencoded" } },
      "body",
      "Send the body as JSON, with Content-Type: application/json.",
    ],
    ["POST", "/runtimes", { body: {} }, "image", "This field is required."],
    [
      "POST",
      "/runtimes",
      { body: runtime("Bad_Name") },
      "name",
      "Use lowercase letters, digits and hyphens, starting with a letter and ending with a letter or digit.",
    ],
    ["POST", "/runtimes", { body: runtime("ok", { replicas: "many" }) }, "replicas", "Enter a number."],
    [
      "POST",
      "/runtimes",
      { body: runtime("ok", { env: [{ name: "1X", value: "" }] }) },
      "env.0.name",
      "Use letters, digits and underscores, not starting with a digit.",
    ],
    ["POST", "/runtimes/x/scale", { body: { replicas: 21 } }, "replicas", "Use at most 20 replicas."],
    [
      "POST",
      "/runtimes/NOPE/stop",
      {},
      "name",
      "Use lowercase letters, digits and hyphens, starting with a letter and ending with a letter or digit.",
    ],
    ["GET", "/runtimes?limit=0", {}, "limit", "Use a number from 1 to 100."],
    ["GET", "/members?cursor=bogus", {}, "cursor", "That is not a cursor from this API."],
    [
      "POST",
      "/volumes",
      { body: { name: "v", size: "lots", storageClass: "standard", accessMode: "ReadWriteOnce" } },
      "size",
      "",
    ],
    [
      "POST",
      "/volumes",
      { body: { name: "v", size: "1Gi", storageClass: "standard", accessMode: "Sometimes" } },
      "accessMode",
      "Choose an access mode.",
    ],
  ];

  it("answers each with a 4xx naming the field and its rule", async () => {
    for (const [method, path, options, field, message] of cases) {
      const answer = await call(method, `${base}${path}`, { token: dev, ...options });
      expect(answer.status, `${method} ${path}`).toBe(422);
      expect(answer.body.error.code).toBe("INVALID_INPUT");
      expect(answer.body.error.field, `${method} ${path}`).toBe(field);
      if (message) expect(answer.body.error.message).toBe(message);
      else expect(answer.body.error.message.length).toBeGreaterThan(5);
    }
    // Positive control: a well-formed scale of a missing runtime gets past parsing (404).
    const missing = await call("POST", `${base}/runtimes/nothing-here/scale`, { token: dev, body: { replicas: 1 } });
    expect(missing.status).toBe(404);
  });
});

describe("pagination", () => {
  it("pages through runtimes by name with an opaque cursor", async () => {
    for (const name of ["page-c", "page-a", "page-b"]) {
      expect((await call("POST", `${base}/runtimes`, { token: dev, body: runtime(name) })).status).toBe(201);
    }
    const names: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = `limit=2${cursor ? `&cursor=${cursor}` : ""}`;
      const page = await call("GET", `${base}/runtimes?${query}`, { token: fx.tokens.VIEWER });
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      names.push(...page.body.items.map((r: { name: string }) => r.name));
      cursor = page.body.nextCursor;
      pages++;
    } while (cursor);
    const all = (await call("GET", `${base}/runtimes?limit=100`, { token: dev })).body.items.map(
      (r: { name: string }) => r.name,
    );
    expect(names).toEqual(all);
    expect(names).toEqual([...names].sort());
    expect(names).toEqual(expect.arrayContaining(["page-a", "page-b", "page-c"]));
    expect(pages).toBe(Math.ceil(all.length / 2));
  });
});

describe("volumes and idempotency keys", () => {
  it("creates once per key, replays the answer, refuses the key for another request", async () => {
    const body = { name: "api-data", size: "1Gi", storageClass: "standard", accessMode: "ReadWriteOnce" };
    const key = `create-api-data-${fx.a.slug}`;
    const headers = { "idempotency-key": key };
    const first = await call("POST", `${base}/volumes`, { token: dev, body, headers });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ name: "api-data", requestedBytes: 2 ** 30, storageClass: "standard" });
    expect(first.headers.get("idempotent-replayed")).toBeNull();

    const again = await call("POST", `${base}/volumes`, { token: dev, body, headers });
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get("idempotent-replayed")).toBe("true");

    const other = await call("POST", `${base}/volumes`, { token: dev, body: { ...body, name: "api-other" }, headers });
    expect(other.status).toBe(422);
    expect(other.body.error).toMatchObject({ code: "INVALID_INPUT", field: "Idempotency-Key" });
    const rows = await db().idempotencyKey.count({ where: { key } });
    expect(rows).toBe(1);

    // Without a key, a second create is a second attempt: refused by name.
    const repeat = await call("POST", `${base}/volumes`, { token: dev, body });
    expect(repeat.status).toBe(422);
    expect(repeat.body.error.field).toBe("name");

    const listed = await call("GET", `${base}/volumes`, { token: fx.tokens.VIEWER });
    expect(listed.body.items.filter((v: { name: string }) => v.name === "api-data")).toHaveLength(1);
    const deleted = await call("DELETE", `${base}/volumes/api-data`, { token: dev });
    expect(deleted.status).toBe(202);
  });

  it("runs concurrent first requests with one key once", async () => {
    const body = runtime("api-once");
    const headers = { "idempotency-key": "api-once" };
    const answers = await Promise.all(
      [0, 1, 2].map(() => call("POST", `${base}/runtimes`, { token: dev, body, headers })),
    );
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses.filter((s) => s === 201).length).toBeGreaterThanOrEqual(1);
    expect(statuses.every((s) => s === 201 || s === 409)).toBe(true);
    const deployments = await apps.listNamespacedDeployment({ namespace: fx.a.namespace });
    expect(deployments.items.filter((d) => d.metadata?.name === "api-once")).toHaveLength(1);
    const created = await db().auditEvent.count({
      where: { workspaceId: fx.a.workspace.id, action: "runtime.create", targetId: "api-once" },
    });
    expect(created).toBe(1);
  });
});

describe("idempotency keys are remembered for a day", () => {
  it("prunes keys older than 24 hours and keeps newer ones", async () => {
    const token = await db().apiToken.findFirstOrThrow({ where: { membership: { workspaceId: fx.a.workspace.id } } });
    const old = await db().idempotencyKey.create({
      data: { tokenId: token.id, key: `old-${fx.a.slug}`, requestHash: "x", status: 201, response: {} },
    });
    const fresh = await db().idempotencyKey.create({
      data: { tokenId: token.id, key: `fresh-${fx.a.slug}`, requestHash: "x", status: 201, response: {} },
    });
    await db().idempotencyKey.update({
      where: { id: old.id },
      data: { createdAt: new Date(Date.now() - 25 * 3_600_000) },
    });
    expect(await pruneIdempotencyKeys()).toBeGreaterThanOrEqual(1);
    expect(await db().idempotencyKey.findUnique({ where: { id: old.id } })).toBeNull();
    expect(await db().idempotencyKey.findUnique({ where: { id: fresh.id } })).not.toBeNull();
  });
});
