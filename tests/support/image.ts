import { spawnSync } from "node:child_process";
import { createConnection, createServer, type Server, type Socket } from "node:net";
import { networkInterfaces } from "node:os";
import { gunzipSync } from "node:zlib";
import * as k8s from "@kubernetes/client-node";
import { env } from "@/lib/config/env";
import { adminApi, adminKubeConfig } from "@/lib/kube/client";
import { containsCidr, parseCidr } from "@/lib/net/cidr";
import { eventually } from "./kube";
import { sandboxedPod, stackImage } from "./real-node";

// Helpers for the tests of the Canopy image (scripts/image/build.sh): building it, reading
// its layers from the registry, and letting its pods on the real node reach the host's
// PostgreSQL and kube-apiserver, which listen on the host's loopback only.

const ROOT = new URL("../..", import.meta.url).pathname;

/**
 * Builds the image from the existing Next build ($NEXT_DIST_DIR or .next) and pushes it to
 * `registry`, as `npm test` does (a warm run only hashes its inputs); returns what the
 * script printed: the image's reference, or the OCI archive it wrote when no registry answered.
 */
export function buildImage(registry = process.env.CANOPY_REGISTRY ?? ""): string {
  const run = spawnSync("bash", ["scripts/image/build.sh", "--reuse-build"], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, CANOPY_REGISTRY: registry },
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.status !== 0) throw new Error(`npm run image -- --reuse-build failed:\n${run.stderr}`);
  return run.stdout.trim().split("\n").at(-1) ?? "";
}

interface Manifest {
  config: { digest: string };
  layers: { digest: string; size: number }[];
}

interface ImageConfig {
  config: { User?: string; WorkingDir?: string; Cmd?: string[]; Env?: string[] };
}

/** http://<registry>/v2/<repository> and the tag of registry/repository:tag. */
function repositoryUrl(reference: string): { base: string; tag: string } {
  const slash = reference.indexOf("/");
  const [repository, tag] = reference.slice(slash + 1).split(":") as [string, string];
  return { base: `http://${reference.slice(0, slash)}/v2/${repository}`, tag };
}

/** The image's manifest and configuration, from the registry (OCI distribution API). */
export async function readImage(reference: string): Promise<{ manifest: Manifest; config: ImageConfig }> {
  const { base, tag } = repositoryUrl(reference);
  const response = await fetch(`${base}/manifests/${tag}`, {
    headers: { accept: "application/vnd.oci.image.manifest.v1+json" },
  });
  if (!response.ok) throw new Error(`${reference}: manifest ${response.status}`);
  const manifest = (await response.json()) as Manifest;
  const config = (await (await fetch(`${base}/blobs/${manifest.config.digest}`)).json()) as ImageConfig;
  return { manifest, config };
}

/**
 * Every path in one layer (gzip tar blob) with its size in bytes. Read here rather than by
 * GNU tar, which rejects umoci 0.4's layers for lacking the end-of-archive blocks that Go's
 * tar reader (containerd's) does not need.
 */
export async function listLayer(reference: string, digest: string): Promise<{ path: string; size: number }[]> {
  const response = await fetch(`${repositoryUrl(reference).base}/blobs/${digest}`);
  if (!response.ok) throw new Error(`layer ${digest}: ${response.status}`);
  const tar = gunzipSync(Buffer.from(await response.arrayBuffer()));
  const entries: { path: string; size: number }[] = [];
  const field = (header: Buffer, from: number, length: number) =>
    header
      .subarray(from, from + length)
      .toString("utf8")
      .replace(/\0.*$/s, "");
  let longName: string | undefined;
  for (let offset = 0; offset + 512 <= tar.length;) {
    const header = tar.subarray(offset, offset + 512);
    if (header.every((byte) => byte === 0)) break;
    const size = parseInt(field(header, 124, 12).trim() || "0", 8);
    const type = String.fromCharCode(header[156]!);
    const body = tar.subarray(offset + 512, offset + 512 + size);
    offset += 512 + Math.ceil(size / 512) * 512;
    if (type === "x") {
      longName = /(?:^|\n)\d+ path=([^\n]*)\n/.exec(body.toString("utf8"))?.[1] ?? longName;
      continue;
    }
    if (type === "L") {
      longName = body.toString("utf8").replace(/\0.*$/s, "");
      continue;
    }
    const prefix = field(header, 345, 155);
    const name = longName ?? (prefix ? `${prefix}/${field(header, 0, 100)}` : field(header, 0, 100));
    longName = undefined;
    entries.push({
      path: `/${name.replace(/^\.?\//, "").replace(/\/$/, "")}`,
      size: type === "0" || type === "\0" ? size : 0,
    });
  }
  return entries;
}

/** This host's address on the pod network (the CNI bridge's gateway), which pods on the real node reach. */
export function hostAddressOnPodNetwork(podCidrs: string[]): string {
  for (const addresses of Object.values(networkInterfaces())) {
    for (const address of addresses ?? []) {
      if (address.family !== "IPv4" || !address.cidr) continue;
      const own = parseCidr(address.cidr);
      if (own && podCidrs.some((block) => containsCidr(parseCidr(block)!, own))) return address.address;
    }
  }
  throw new Error(`no interface of this host is on the pod network (${podCidrs.join(", ")})`);
}

/**
 * The host's address on the pod network. On a fresh stack the CNI bridge (and so that
 * address) exists only once the real node has set up its first pod: one is run in
 * `namespace` if need be.
 */
export async function hostOnPodNetwork(namespace: string): Promise<string> {
  const cidrs = env().CANOPY_CLUSTER_POD_CIDRS;
  const address = () => {
    try {
      return hostAddressOnPodNetwork(cidrs);
    } catch {
      return undefined;
    }
  };
  const now = address();
  if (now) return now;
  // Retried: the namespace's default ServiceAccount, which admission looks up, comes a moment later.
  await eventually("a first pod on the real node", async () => {
    await adminApi(k8s.CoreV1Api).createNamespacedPod({
      namespace,
      body: sandboxedPod("bridge", stackImage("pause:3.10.1")),
    });
    return true;
  });
  return eventually("the pod network's bridge on this host", async () => address(), 120_000);
}

/** A TCP relay from host:<ephemeral port> to target (e.g. PostgreSQL on 127.0.0.1), closed by close(). */
export async function relay(
  host: string,
  target: { host: string; port: number },
): Promise<{ port: number; close: () => Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = createConnection(target);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on("close", () => sockets.delete(socket));
    }
    client.pipe(upstream).pipe(client);
    client.on("error", () => upstream.destroy());
    upstream.on("error", () => client.destroy());
  });
  await new Promise<void>((resolve, reject) => server.once("error", reject).listen(0, host, resolve));
  const { port } = server.address() as { port: number };
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
}

/** The admin kubeconfig pointed at a relay to the apiserver; the serving certificate is checked for the name "kubernetes". */
export function kubeconfigThrough(server: string): string {
  const admin = adminKubeConfig();
  const cluster = admin.getCurrentCluster()!;
  const user = admin.getCurrentUser()!;
  const kc = new k8s.KubeConfig();
  kc.loadFromOptions({
    clusters: [{ ...cluster, server, tlsServerName: "kubernetes" }],
    users: [user],
    contexts: [{ name: "relay", cluster: cluster.name, user: user.name }],
    currentContext: "relay",
  });
  return kc.exportConfig();
}
