import { randomBytes } from "node:crypto";
import { readdirSync } from "node:fs";
import * as k8s from "@kubernetes/client-node";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { env } from "@/lib/config/env";
import { adminApi, adminKubeConfig } from "@/lib/kube/client";
import { buildImage, hostOnPodNetwork, kubeconfigThrough, relay } from "../../support/image";
import { eventually } from "../../support/kube";
import { execInPod } from "../../support/real-node";

// The image runs Canopy on the real node as the Helm chart will (docs/image.md): non-root,
// read-only root filesystem, no capabilities, an emptyDir at /tmp, Pod Security
// "restricted". The host's PostgreSQL and kube-apiserver listen on its loopback only, so
// the test relays them onto the host's address on the pod network for its own pods.

const core = adminApi(k8s.CoreV1Api);
const suffix = randomBytes(4).toString("hex");
const namespace = `canopy-image-${suffix}`;
const database = `canopy_image_${suffix}`;
const migrations = readdirSync("prisma/migrations").filter((name) => /^\d+_/.test(name));
let reference: string;
let closers: (() => Promise<void>)[] = [];

function pod(name: string, command: string[], configured: boolean, restartPolicy = "Never"): k8s.V1Pod {
  return {
    metadata: { name },
    spec: {
      runtimeClassName: "gvisor",
      restartPolicy,
      automountServiceAccountToken: false,
      enableServiceLinks: false,
      terminationGracePeriodSeconds: 2,
      securityContext: { runAsNonRoot: true, seccompProfile: { type: "RuntimeDefault" } },
      containers: [
        {
          name: "app",
          image: reference,
          imagePullPolicy: "Always",
          command,
          envFrom: configured ? [{ secretRef: { name: "canopy" } }] : [],
          env: configured ? [{ name: "KUBECONFIG", value: "/etc/canopy/kubeconfig" }] : [],
          resources: { requests: { cpu: "100m", memory: "256Mi" }, limits: { cpu: "1", memory: "768Mi" } },
          securityContext: {
            readOnlyRootFilesystem: true,
            allowPrivilegeEscalation: false,
            capabilities: { drop: ["ALL"] },
          },
          volumeMounts: [
            { name: "tmp", mountPath: "/tmp" },
            { name: "config", mountPath: "/etc/canopy", readOnly: true },
          ],
        },
      ],
      volumes: [
        { name: "tmp", emptyDir: { sizeLimit: "256Mi" } },
        { name: "config", secret: { secretName: "canopy", items: [{ key: "kubeconfig", path: "kubeconfig" }] } },
      ],
    },
  };
}

async function run(spec: k8s.V1Pod): Promise<k8s.V1Pod> {
  await core.createNamespacedPod({ namespace, body: spec });
  return spec;
}

/** Waits for the pod's container to end; returns its exit code and log. */
async function finished(name: string): Promise<{ exitCode: number; log: string }> {
  const exitCode = await eventually(
    `${name} to finish`,
    async () => {
      const pod = await core.readNamespacedPod({ name, namespace });
      return pod.status?.containerStatuses?.[0]?.state?.terminated?.exitCode;
    },
    240_000,
  );
  return { exitCode, log: await core.readNamespacedPodLog({ name, namespace }) };
}

beforeAll(async () => {
  reference = buildImage();
  expect(reference).toMatch(/^[\w.:-]+\/canopy\/canopy:[0-9a-f]+$/);
  await core.createNamespace({
    body: {
      metadata: {
        name: namespace,
        labels: {
          "canopy.dev/instance": env().CANOPY_INSTANCE,
          "canopy.test/suite": "image",
          "pod-security.kubernetes.io/enforce": "restricted",
        },
      },
    },
  });
  const host = await hostOnPodNetwork(namespace);
  const dbUrl = new URL(env().DATABASE_URL);
  const postgres = await relay(host, { host: dbUrl.hostname, port: Number(dbUrl.port) });
  const apiserver = new URL(adminKubeConfig().getCurrentCluster()!.server);
  const kube = await relay(host, { host: apiserver.hostname, port: Number(apiserver.port) });
  closers.push(postgres.close, kube.close);

  const admin = new pg.Client({ connectionString: env().DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${database}`);
  await admin.end();
  dbUrl.host = `${host}:${postgres.port}`;
  dbUrl.pathname = `/${database}`;

  await core.createNamespacedSecret({
    namespace,
    body: {
      metadata: { name: "canopy" },
      stringData: {
        DATABASE_URL: dbUrl.toString(),
        NEXTAUTH_SECRET: randomBytes(32).toString("hex"),
        NEXTAUTH_URL: "http://localhost:3000",
        // Its own installation: the worker leaves every other instance's objects alone.
        CANOPY_INSTANCE: namespace,
        kubeconfig: kubeconfigThrough(`https://${host}:${kube.port}`),
      },
    },
  });
}, 900_000);

afterAll(async () => {
  await core.deleteNamespace({ name: namespace }).catch(() => undefined);
  for (const close of closers) await close();
  closers = [];
  const admin = new pg.Client({ connectionString: env().DATABASE_URL });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  await admin.end();
});

async function query<T>(sql: string): Promise<T[]> {
  const url = new URL(env().DATABASE_URL);
  url.pathname = `/${database}`;
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

// Pods start slowly on a loaded 2-core node: each test may wait as long as its polls do.
describe("the Canopy image on the real node", { timeout: 300_000 }, () => {
  it("applies every migration with node dist/migrate.mjs", async () => {
    await run(pod("migrate", ["node", "dist/migrate.mjs"], true));
    const { exitCode, log } = await finished("migrate");
    expect(log).toContain(`applied ${migrations.length} migration(s)`);
    expect(exitCode).toBe(0);
    const rows = await query<{ migration_name: string }>(`SELECT migration_name FROM "_prisma_migrations"`);
    expect(rows.map((row) => row.migration_name).sort()).toEqual([...migrations].sort());
  });

  it("serves the portal with node server.mjs from a read-only root", async () => {
    await run(pod("portal", ["node", "server.mjs", "--port", "3000"], true, "Always"));
    const ip = await eventually(
      "the portal's pod address",
      async () => (await core.readNamespacedPod({ name: "portal", namespace })).status?.podIP,
      240_000,
    );
    const health = await eventually(
      "the portal to answer /api/health",
      async () => {
        const response = await fetch(`http://${ip}:3000/api/health`, { signal: AbortSignal.timeout(5_000) });
        return { status: response.status, body: await response.json() };
      },
      240_000,
    );
    expect(health).toEqual({ status: 200, body: { ok: true, database: true, kubernetes: true } });

    const signin = await fetch(`http://${ip}:3000/signin`);
    expect(signin.status).toBe(200);
    const script = /src="(\/_next\/static\/[^"]+\.js)"/.exec(await signin.text())?.[1];
    expect(script).toBeDefined();
    const asset = await fetch(`http://${ip}:3000${script}`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get("content-type")).toContain("javascript");

    // It listens on the pod's loopback too, where kubectl port-forward connects.
    const probe = "fetch('http://127.0.0.1:3000/api/health').then((r) => process.exit(r.status === 200 ? 0 : 1))";
    const inside = await execInPod(adminKubeConfig(), namespace, "portal", ["node", "-e", probe]);
    expect(inside, inside.stderr).toMatchObject({ exitCode: 0 });
    // Nothing tried to write outside /tmp (as 65532 on a read-only root, it could not).
    const log = await core.readNamespacedPodLog({ name: "portal", namespace });
    expect(log).not.toMatch(/EROFS|EACCES|read-only file system|failed to (write|save)/i);
    const status = (await core.readNamespacedPod({ name: "portal", namespace })).status?.containerStatuses?.[0];
    expect(status?.restartCount).toBe(0);
  });

  it("runs the worker with node dist/worker.mjs: it meters into the database", async () => {
    await run(pod("worker", ["node", "dist/worker.mjs"], true, "Always"));
    const cursor = await eventually(
      "the worker's first metering step",
      async () => (await query<{ id: string }>(`SELECT id FROM metering_progress WHERE id LIKE 'meter:%'`))[0]?.id,
      240_000,
    );
    expect(cursor).toMatch(/^meter:/);
    const status = (await core.readNamespacedPod({ name: "worker", namespace })).status?.containerStatuses?.[0];
    expect(status?.state?.running).toBeDefined();
    expect(status?.restartCount).toBe(0);
  });

  it("names the missing settings when the worker and the migrations are not configured", async () => {
    await run(pod("worker-unset", ["node", "dist/worker.mjs"], false));
    await run(pod("migrate-unset", ["node", "dist/migrate.mjs"], false));
    for (const name of ["worker-unset", "migrate-unset"]) {
      const { exitCode, log } = await finished(name);
      expect(exitCode, name).toBe(1);
      expect(log, name).toContain("DATABASE_URL");
      expect(log, name).not.toMatch(/ERR_MODULE_NOT_FOUND|Cannot find (module|package)/);
    }
    expect((await finished("worker-unset")).log).toContain("NEXTAUTH_SECRET");
  });
});
