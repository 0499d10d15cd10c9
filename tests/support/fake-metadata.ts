import { execFile, spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { promisify } from "node:util";
import * as k8s from "@kubernetes/client-node";
import { adminApi, adminKubeConfig } from "@/lib/kube/client";
import { createTestNamespace, eventually } from "./kube";
import { execInPod, sandboxedPod, stackImage } from "./real-node";

const run = promisify(execFile);

// A stand-in for a cloud's instance metadata service at 169.254.169.254, off the node as
// on a cloud: an HTTP server in a network namespace of its own, reached through a veth
// pair, so a pod's packets to it are forwarded by the node (and pass its firewall) as they
// would be on the way to a real one. Needs root, as the real node does.

const NETNS = "canopy-meta-test";
const HOST_LINK = "canopy-meta0";
const ADDRESS = "169.254.169.254";

export interface FakeMetadataService {
  body: string;
  /** GET / from a pod in a namespace without Canopy's policies, on the real node. */
  fetchFromUnrestrictedPod(): Promise<string>;
  stop(): Promise<void>;
}

async function sh(...args: string[]): Promise<void> {
  await run(args[0]!, args.slice(1));
}

async function teardownNetwork(): Promise<void> {
  await sh("ip", "link", "del", HOST_LINK).catch(() => undefined);
  await sh("ip", "netns", "del", NETNS).catch(() => undefined);
}

export async function startFakeMetadataService(): Promise<FakeMetadataService> {
  const body = `instance-metadata-${randomBytes(4).toString("hex")}`;
  await teardownNetwork();
  await sh("ip", "netns", "add", NETNS);
  await sh("ip", "link", "add", HOST_LINK, "type", "veth", "peer", "name", "eth0", "netns", NETNS);
  await sh("ip", "addr", "add", "169.254.169.253/32", "dev", HOST_LINK);
  await sh("ip", "link", "set", HOST_LINK, "up");
  await sh("ip", "route", "add", `${ADDRESS}/32`, "dev", HOST_LINK);
  await sh("ip", "netns", "exec", NETNS, "ip", "addr", "add", `${ADDRESS}/32`, "dev", "eth0");
  await sh("ip", "netns", "exec", NETNS, "ip", "link", "set", "eth0", "up");
  await sh("ip", "netns", "exec", NETNS, "ip", "link", "set", "lo", "up");
  await sh("ip", "netns", "exec", NETNS, "ip", "route", "add", "169.254.169.253/32", "dev", "eth0");
  await sh(
    "ip",
    "netns",
    "exec",
    NETNS,
    "ip",
    "route",
    "add",
    "default",
    "via",
    "169.254.169.253",
    "dev",
    "eth0",
    "onlink",
  );
  const server: ChildProcess = spawn("ip", ["netns", "exec", NETNS, "python3", "-c", SERVER, ADDRESS, body], {
    stdio: "ignore",
    detached: true,
  });

  const namespace = await createTestNamespace("unrestricted");
  const core = adminApi(k8s.CoreV1Api);
  await core.createNamespacedPod({ namespace: namespace.name, body: sandboxedPod("probe", stackImage("shell:1")) });
  await eventually(
    "the unrestricted probe pod to be Ready",
    async () => {
      const pod = await core.readNamespacedPod({ name: "probe", namespace: namespace.name });
      return pod.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True") ? true : undefined;
    },
    90_000,
  );

  return {
    body,
    async fetchFromUnrestrictedPod() {
      return eventually(
        "the metadata stand-in to answer the unrestricted pod",
        async () => {
          const result = await execInPod(adminKubeConfig(), namespace.name, "probe", [
            "wget",
            "-q",
            "-O",
            "-",
            "-T",
            "4",
            `http://${ADDRESS}/`,
          ]);
          return result.exitCode === 0 ? result.stdout : undefined;
        },
        20_000,
      );
    },
    async stop() {
      if (server.pid) {
        try {
          process.kill(-server.pid, "SIGKILL");
        } catch {
          // already gone
        }
      }
      await namespace.cleanup();
      await teardownNetwork();
    },
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
