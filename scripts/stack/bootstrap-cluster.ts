// Applies scripts/stack/manifests/cluster.yaml and the real node's RBAC and classes
// (manifests/node/) to the local cluster and waits until the simulated nodes are Ready.
// Run by stack:up; safe to run again.
import { readdir, readFile } from "node:fs/promises";
import * as k8s from "@kubernetes/client-node";
import { serverSideApply } from "../../lib/kube/apply";

const kc = new k8s.KubeConfig();
kc.loadFromDefault();
const nodeDir = new URL("./manifests/node/", import.meta.url);
const files = [
  new URL("./manifests/cluster.yaml", import.meta.url),
  ...(await readdir(nodeDir)).filter((f) => f.endsWith(".yaml")).map((f) => new URL(f, nodeDir)),
];
const objects = (
  await Promise.all(files.map(async (f) => k8s.loadAllYaml(await readFile(f, "utf8"))))
).flat() as k8s.KubernetesObject[];
await serverSideApply(k8s.KubernetesObjectApi.makeApiClient(kc), objects, "canopy-stack");

const core = kc.makeApiClient(k8s.CoreV1Api);
const wanted = objects.filter((o) => o.kind === "Node").map((o) => o.metadata!.name!);
const deadline = Date.now() + 60_000;
for (;;) {
  const nodes = await core.listNode();
  const ready = nodes.items.filter((n) => n.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True"));
  if (wanted.every((name) => ready.some((n) => n.metadata?.name === name))) break;
  if (Date.now() > deadline) throw new Error(`nodes not Ready after 60s: ${wanted.join(", ")}`);
  await new Promise((r) => setTimeout(r, 250));
}
console.error(`[stack] cluster bootstrapped: ${wanted.length} kwok nodes Ready`);
