import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import * as k8s from "@kubernetes/client-node";
import { createServer, type AddressInfo } from "node:net";
import pg from "pg";
import { adminApi, adminKubeConfig } from "@/lib/kube/client";
import { buildImage, hostOnPodNetwork, relay } from "../../tests/support/image";
import { eventually } from "../../tests/support/kube";

// Canopy installed with its Helm chart into the local stack's cluster, as an operator
// would (scripts/chart/install-local.sh), for e2e/in-cluster-install.spec.ts.
//
// The stack's PostgreSQL, API server and OIDC provider listen on the host's loopback, which
// pods cannot reach. The installation gets what a real cluster has instead: the API server
// behind the Service `kubernetes` (an EndpointSlice to a relay on the host's pod-network
// address; the serving certificate names 10.96.0.1), its own database through a relay, and a
// development OIDC provider on the pod-network address, which both the browser (on the
// host) and the portal's pods reach under one issuer.

const ROOT = new URL("../..", import.meta.url).pathname;
const core = () => adminApi(k8s.CoreV1Api);
const discovery = () => adminApi(k8s.DiscoveryV1Api);

export interface Installation {
  release: string;
  namespace: string;
  url: string;
  /** The installation's own database, as the test reaches it. */
  databaseUrl: string;
  uninstall: () => Promise<void>;
}

async function freePortOn(host: string): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => server.once("error", reject).listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function startOidcProvider(host: string, redirect: string) {
  const port = await freePortOn(host);
  const issuer = `http://${host}:${port}`;
  const child = spawn("node_modules/.bin/tsx", ["scripts/stack/dev-oidc-provider.ts"], {
    cwd: ROOT,
    env: {
      ...process.env,
      DEV_OIDC_HOST: host,
      DEV_OIDC_PORT: String(port),
      DEV_OIDC_ISSUER: issuer,
      DEV_OIDC_CLIENT_ID: process.env.DEV_OIDC_CLIENT_ID ?? "canopy-dev",
      DEV_OIDC_REDIRECT_URIS: redirect,
    },
    stdio: ["ignore", "inherit", "inherit"],
  });
  await eventually("the installation's OIDC provider", async () => {
    const response = await fetch(`${issuer}/.well-known/openid-configuration`).catch(() => undefined);
    return response?.ok ? true : undefined;
  });
  return { issuer, stop: () => child.kill("SIGTERM") };
}

/** Publishes `host:port` as the endpoint of the Service kubernetes (the stack's API server publishes none). */
async function publishApiServer(name: string, host: string, port: number): Promise<() => Promise<void>> {
  await discovery().createNamespacedEndpointSlice({
    namespace: "default",
    body: {
      metadata: {
        name,
        labels: { "kubernetes.io/service-name": "kubernetes", "endpointslice.kubernetes.io/managed-by": "canopy-e2e" },
      },
      addressType: "IPv4",
      endpoints: [{ addresses: [host], conditions: { ready: true } }],
      ports: [{ name: "https", port, protocol: "TCP" }],
    },
  });
  return async () => {
    await discovery().deleteNamespacedEndpointSlice({ name, namespace: "default" });
  };
}

async function createDatabase(name: string): Promise<string> {
  const admin = new URL(process.env.TEST_DATABASE_URL!);
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  admin.pathname = `/${name}`;
  return admin.toString();
}

async function dropDatabase(url: string): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  const client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await client.end();
}

/** Runs install-local.sh; asynchronously, since this process's relays must keep serving the pods meanwhile. */
async function installScript(args: string[], env: Record<string, string>): Promise<void> {
  const child = spawn("bash", ["scripts/chart/install-local.sh", ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
  console.log(output);
  if (code !== 0) throw new Error(`install-local.sh ${args.join(" ")} failed (exit ${code}):\n${output}`);
}

/** Installs the chart with the image of this build; `uninstall` removes everything again. */
export async function installCanopy(): Promise<Installation> {
  const suffix = randomBytes(3).toString("hex");
  const release = `canopy-e2e-${suffix}`;
  const namespace = release;
  const hostname = `${release}.localhost`;
  const url = `http://${hostname}`;
  const cleanups: (() => Promise<unknown> | unknown)[] = [];
  const uninstall = async () => {
    for (const cleanup of cleanups.reverse()) {
      try {
        await cleanup();
      } catch (error) {
        console.error("in-cluster clean-up step failed:", error);
      }
    }
  };
  try {
    const reference = buildImage();
    const tag = reference.split(":").at(-1)!;
    await core().createNamespace({ body: { metadata: { name: namespace } } });
    const env = { CANOPY_CHART_RELEASE: release, CANOPY_CHART_NAMESPACE: namespace };
    cleanups.push(async () => {
      await installScript(["--uninstall"], env);
      // The workspaces this installation made (its instance label), and their pods.
      const owned = await core().listNamespace({ labelSelector: `canopy.dev/instance=${release}` });
      for (const ns of owned.items)
        await core()
          .deleteNamespace({ name: ns.metadata!.name! })
          .catch(() => undefined);
    });
    const host = await hostOnPodNetwork(namespace);

    const databaseUrl = await createDatabase(`canopy_e2e_${suffix}`);
    cleanups.push(() => dropDatabase(databaseUrl));
    const database = new URL(databaseUrl);
    const postgres = await relay(host, { host: database.hostname, port: Number(database.port) });
    cleanups.push(() => postgres.close());
    const podDatabaseUrl = new URL(databaseUrl);
    podDatabaseUrl.hostname = host;
    podDatabaseUrl.port = String(postgres.port);

    const apiserver = new URL(adminKubeConfig().getCurrentCluster()!.server);
    const kube = await relay(host, { host: apiserver.hostname, port: Number(apiserver.port) });
    cleanups.push(() => kube.close());
    cleanups.push(await publishApiServer(release, host, kube.port));

    const oidc = await startOidcProvider(host, `${url}/api/auth/callback/dev`);
    cleanups.push(() => oidc.stop());

    await installScript(
      [
        "--set",
        `url=${url}`,
        "--set",
        `portal.ingress.host=${hostname}`,
        // The real node is tainted for sandboxed pods, and has two CPUs for every test.
        "--set",
        "runtimeClassName=gvisor",
        "--set",
        "portal.replicas=1",
        "--set",
        "portal.resources.requests.cpu=100m",
        "--set",
        "worker.resources.requests.cpu=50m",
        "--set",
        "migrations.resources.requests.cpu=50m",
      ],
      {
        ...env,
        CANOPY_IMAGE_TAG: tag,
        CANOPY_CHART_HOST: host,
        CANOPY_CHART_DATABASE_URL: podDatabaseUrl.toString(),
        CANOPY_CHART_APISERVER_PORT: String(kube.port),
        CANOPY_CHART_OIDC_ISSUER: oidc.issuer,
      },
    );
    return { release, namespace, url, databaseUrl, uninstall };
  } catch (error) {
    // CANOPY_E2E_KEEP=1 leaves a failed installation in place to look at.
    if (!process.env.CANOPY_E2E_KEEP) await uninstall();
    throw error;
  }
}
