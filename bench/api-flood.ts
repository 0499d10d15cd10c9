import { spawn } from "node:child_process";
import https from "node:https";
import { performance } from "node:perf_hooks";
import * as k8s from "@kubernetes/client-node";

// The two sides of the api-fairness benchmark: a member's kubeconfig as a bare HTTPS
// client (bearer token, the cluster's CA, kept-alive connections), and a flood of requests
// from a child process of its own, so that handling the flood's responses does not delay
// the measured client's event loop.

export interface KubeconfigClient {
  server: string;
  ca: string;
  token: string;
}

export function clientOf(kubeconfig: string): KubeconfigClient {
  const kc = new k8s.KubeConfig();
  kc.loadFromString(kubeconfig);
  const cluster = kc.getCurrentCluster();
  const token = kc.getCurrentUser()?.token;
  if (!cluster?.server || !cluster.caData || !token) throw new Error("the kubeconfig lacks a server, CA or token");
  return { server: cluster.server, ca: Buffer.from(cluster.caData, "base64").toString("utf8"), token };
}

/** Times sequential GETs of one path: the latency of each 200, and how many got another status. */
export async function timedReads(
  client: KubeconfigClient,
  path: string,
  until: () => boolean,
  gapMs: number,
): Promise<{ samples: number[]; failed: Record<string, number> }> {
  const agent = new https.Agent({ keepAlive: true, maxSockets: 1, ca: client.ca });
  const samples: number[] = [];
  const failed: Record<string, number> = {};
  try {
    while (!until()) {
      const started = performance.now();
      const status = await get(client, agent, path);
      if (status === 200) samples.push(performance.now() - started);
      else failed[String(status)] = (failed[String(status)] ?? 0) + 1;
      await new Promise((resolve) => setTimeout(resolve, gapMs));
    }
  } finally {
    agent.destroy();
  }
  return { samples, failed };
}

function get(client: KubeconfigClient, agent: https.Agent, path: string): Promise<number> {
  return new Promise((resolve) => {
    const request = https.get(
      new URL(path, client.server),
      { agent, headers: { authorization: `Bearer ${client.token}`, accept: "application/json" }, timeout: 30_000 },
      (response) => {
        response.resume();
        response.on("end", () => resolve(response.statusCode ?? 0));
      },
    );
    request.on("timeout", () => request.destroy());
    request.on("error", () => resolve(0));
  });
}

/** Plain JavaScript for the child: `concurrency` loops of GETs, each sent as soon as the last answered. */
const FLOOD = `
const https = require("node:https");
let input = "";
process.stdin.on("data", (chunk) => (input += chunk));
process.stdin.on("end", () => flood(JSON.parse(input)));
function flood({ server, ca, token, path, concurrency, seconds }) {
const agent = new https.Agent({ keepAlive: true, maxSockets: concurrency, ca });
const statuses = {};
const deadline = Date.now() + seconds * 1000;
const once = () => new Promise((resolve) => {
  const request = https.get(new URL(path, server), { agent, headers: { authorization: "Bearer " + token, accept: "application/json" } }, (response) => {
    response.resume();
    response.on("end", () => { statuses[response.statusCode] = (statuses[response.statusCode] || 0) + 1; resolve(); });
  });
  request.on("error", () => { statuses.error = (statuses.error || 0) + 1; resolve(); });
});
const lane = async () => { while (Date.now() < deadline) await once(); };
Promise.all(Array.from({ length: concurrency }, lane)).then(() => {
  process.stdout.write(JSON.stringify(statuses));
  agent.destroy();
});
}
`;

export interface Flood {
  /** Responses by HTTP status ("error" for failed connections), once the flood is over. */
  done: Promise<Record<string, number>>;
}

/** Starts `concurrency` back-to-back GET loops of `path` for `seconds`, in a child process. */
export function startFlood(client: KubeconfigClient, path: string, concurrency: number, seconds: number): Flood {
  // At the lowest CPU priority: on a real cluster the flood comes from elsewhere, and its own
  // client work must not take this machine's two cores from the API server and B.
  const child = spawn("nice", ["-n", "19", process.execPath, "-e", FLOOD], { stdio: ["pipe", "pipe", "inherit"] });
  // The token goes through stdin, not the command line or the environment.
  child.stdin.end(JSON.stringify({ ...client, path, concurrency, seconds }));
  let out = "";
  child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString("utf8")));
  const done = new Promise<Record<string, number>>((resolve, reject) => {
    child.on("error", reject);
    child.on("exit", (code) =>
      code === 0 ? resolve(JSON.parse(out) as Record<string, number>) : reject(new Error(`flood exited ${code}`)),
    );
  });
  return { done };
}
