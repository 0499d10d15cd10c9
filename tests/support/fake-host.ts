import { execFile, spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { promisify } from "node:util";
import * as k8s from "@kubernetes/client-node";
import { adminApi, adminKubeConfig } from "@/lib/kube/client";
import { createTestNamespace, eventually } from "./kube";
import { untilFirewallKnows } from "./node-firewall";
import { execInPod, sandboxedPod, stackImage, type ExecResult } from "./real-node";

const run = promisify(execFile);

// Stand-ins for hosts off the node (a cloud's metadata service, a private network, the
// public internet): an HTTP server in a network namespace of its own, reached through a
// veth pair and a /32 route, so a pod's packets to it are forwarded by the node (and pass
// its firewall) as they would be on the way to a real one. Needs root, as the real node does.

export interface FakeHostNames {
  /** Network namespace, the host end of the veth pair, and the host end's own address. */
  netns: string;
  hostLink: string;
  hostAddress: string;
}

export interface FakeHost {
  address: string;
  /** What GET / answers. */
  body: string;
  stop(): Promise<void>;
}

async function sh(...args: string[]): Promise<void> {
  await run(args[0]!, args.slice(1));
}

async function teardown(names: FakeHostNames): Promise<void> {
  await sh("ip", "link", "del", names.hostLink).catch(() => undefined);
  await sh("ip", "netns", "del", names.netns).catch(() => undefined);
}

/** Names of a fake host's own: several can run at once. */
export function uniqueFakeHostNames(): FakeHostNames {
  const id = randomBytes(3).toString("hex");
  const [a, b] = [randomBytes(1)[0]!, randomBytes(1)[0]!];
  return { netns: `canopy-fh-${id}`, hostLink: `cfh${id}`, hostAddress: `169.254.${250 + (a % 4)}.${1 + (b % 250)}` };
}

/** A stand-in for `address` left behind by a run that died: its veth and namespace. */
async function removeStale(address: string): Promise<void> {
  const { stdout } = await run("ip", ["route", "show", `${address}/32`]);
  const link = /dev (cfh[0-9a-f]{6})\b/.exec(stdout)?.[1];
  if (link) await teardown({ netns: `canopy-fh-${link.slice(3)}`, hostLink: link, hostAddress: "" });
}

/** An HTTP server on `address`:80, routed from the node; `names` fixed when only one may exist. */
export async function startFakeHost(address: string, names = uniqueFakeHostNames()): Promise<FakeHost> {
  const body = `fake-host-${address}-${randomBytes(4).toString("hex")}`;
  await teardown(names);
  await removeStale(address);
  try {
    await wire(address, names);
  } catch (error) {
    await teardown(names);
    throw error;
  }
  const server: ChildProcess = spawn("ip", ["netns", "exec", names.netns, "python3", "-c", SERVER, address, body], {
    stdio: "ignore",
    detached: true,
  });
  return {
    address,
    body,
    async stop() {
      if (server.pid) {
        try {
          process.kill(-server.pid, "SIGKILL");
        } catch {
          // already gone
        }
      }
      await teardown(names);
    },
  };
}

/** The namespace, the veth pair and the routes both ways. */
async function wire(address: string, names: FakeHostNames): Promise<void> {
  const inside = (...args: string[]) => sh("ip", "netns", "exec", names.netns, ...args);
  await sh("ip", "netns", "add", names.netns);
  await sh("ip", "link", "add", names.hostLink, "type", "veth", "peer", "name", "eth0", "netns", names.netns);
  await sh("ip", "addr", "add", `${names.hostAddress}/32`, "dev", names.hostLink);
  await sh("ip", "link", "set", names.hostLink, "up");
  await sh("ip", "route", "add", `${address}/32`, "dev", names.hostLink);
  await inside("ip", "addr", "add", `${address}/32`, "dev", "eth0");
  await inside("ip", "link", "set", "eth0", "up");
  await inside("ip", "link", "set", "lo", "up");
  await inside("ip", "route", "add", `${names.hostAddress}/32`, "dev", "eth0");
  await inside("ip", "route", "add", "default", "via", names.hostAddress, "dev", "eth0", "onlink");
}

export interface UnrestrictedProbe {
  namespace: string;
  /** GET http://<host>:<port>/ from a pod without Canopy's policies: the body, or null. */
  fetch(host: string, port?: number): Promise<string | null>;
  /** Runs a command in the probe pod. */
  exec(command: string[]): Promise<ExecResult>;
  stop(): Promise<void>;
}

/** A pod on the real node in a namespace without Canopy's policies: the positive control's vantage point. */
export async function startUnrestrictedProbe(labels: Record<string, string> = {}): Promise<UnrestrictedProbe> {
  const namespace = await createTestNamespace("unrestricted");
  const core = adminApi(k8s.CoreV1Api);
  if (Object.keys(labels).length > 0) {
    const ns = await core.readNamespace({ name: namespace.name });
    ns.metadata!.labels = { ...ns.metadata!.labels, ...labels };
    await core.replaceNamespace({ name: namespace.name, body: ns });
  }
  await core.createNamespacedPod({ namespace: namespace.name, body: sandboxedPod("probe", stackImage("shell:1")) });
  const ip = await eventually(
    "the unrestricted probe pod to be Ready",
    async () => {
      const pod = await core.readNamespacedPod({ name: "probe", namespace: namespace.name });
      const ready = pod.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True");
      return ready ? pod.status!.podIP! : undefined;
    },
    90_000,
  );
  await untilFirewallKnows(ip);
  const exec = (command: string[]) => execInPod(adminKubeConfig(), namespace.name, "probe", command);
  return {
    namespace: namespace.name,
    exec,
    async fetch(host, port = 80) {
      const result = await exec(["wget", "-q", "-O", "-", "-T", "4", `http://${host}:${port}/`]);
      return result.exitCode === 0 ? result.stdout : null;
    },
    stop: namespace.cleanup,
  };
}

const SERVER = `
import http.server, sys
class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        body = sys.argv[2].encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def log_message(self, *args):
        pass
http.server.HTTPServer((sys.argv[1], 80), Handler).serve_forever()
`;
