import * as k8s from "@kubernetes/client-node";
import { expect, test } from "@playwright/test";
import { env } from "@/lib/config/env";
import { adminApi } from "@/lib/kube/client";
import { PUBLIC_ENDPOINT_LABEL } from "@/lib/tenancy/kube-names";
import { eventually } from "../../tests/support/kube";
import { sandboxedPod, stackImage } from "../../tests/support/real-node";
import {
  startFakeHost,
  startUnrestrictedProbe,
  type FakeHost,
  type UnrestrictedProbe,
} from "../../tests/support/fake-host";
import { apiPath, type MemberKube } from "./fixtures/kube";
import { expectAllowed } from "./fixtures/refusals";
import {
  downloadKubeconfig,
  openPortal,
  removeWorkspaces,
  teamWorkspace,
  type Portal,
  type TestWorkspace,
} from "./fixtures/workspaces";
import { moveToPlan, removePlans } from "./limit-fixtures";
import { connectCommand, connected, connects, fetchFrom, startPod } from "./pod-network";

// Default-deny egress and the ingress controller's way in (lib/tenancy/network-policies.ts),
// on the real node with kube-router enforcing the policies. Hosts off the node are stand-ins
// in network namespaces of their own (tests/support/fake-host.ts): one on a private network,
// one in the cluster's service range with no Service behind it, one on a public address.
// Each refusal has a positive control: a pod without Canopy's policies reaches the same
// address, and the tenant's pod reaches the public one, DNS and its own workspace.

test.describe.configure({ mode: "serial" });

const PRIVATE = "172.31.254.10";
/** In the service range (10.96.0.0/16), allocated to no Service: kube-proxy leaves it alone. */
const SERVICE_RANGE = "10.96.255.250";
/** A globally routable address, routed to a stand-in on this machine for the test. */
const PUBLIC = "203.0.114.10";
const KUBELET_PORT = 10250;

let portal: Portal;
let workspace: TestWorkspace | undefined;
let kube: MemberKube;
const hosts: FakeHost[] = [];
let outside: UnrestrictedProbe | undefined;
let ingressController: UnrestrictedProbe | undefined;
const ip: Record<string, string> = {};
const plans: string[] = [];

const body = (address: string) => hosts.find((h) => h.address === address)!.body;

test.beforeAll(async ({ playwright }, testInfo) => {
  test.setTimeout(240_000);
  portal = await openPortal(playwright, testInfo);
  workspace = await teamWorkspace(portal, "egress");
  kube = (await downloadKubeconfig(portal, workspace.slug, workspace.owner)).kube;
  for (const address of [PRIVATE, SERVICE_RANGE, PUBLIC]) hosts.push(await startFakeHost(address));
  [outside, ingressController] = await Promise.all([
    startUnrestrictedProbe(),
    startUnrestrictedProbe(env().CANOPY_INGRESS_CONTROLLER_NAMESPACE_LABELS),
  ]);
  const service: k8s.V1Service = {
    apiVersion: "v1",
    kind: "Service",
    metadata: { name: "private-web" },
    spec: { selector: { app: "private-web" }, ports: [{ port: 80, targetPort: 8080 }] },
  };
  expectAllowed(await kube.request("POST", apiPath("", "services", { namespace: kube.namespace }), service), "Service");
  const web = (name: string, labels: Record<string, string>) =>
    sandboxedPod(name, stackImage("web:1"), { labels: { app: name, ...labels }, port: 8080 });
  const [client, publicWeb, privateWeb] = await Promise.all([
    startPod(kube, sandboxedPod("client", stackImage("shell:1"))),
    startPod(kube, web("public-web", { [PUBLIC_ENDPOINT_LABEL]: "true" })),
    startPod(kube, web("private-web", {})),
  ]);
  Object.assign(ip, { client, publicWeb, privateWeb });
});

test.afterAll(async () => {
  // The machine's own network first: it outlives the test process otherwise.
  await Promise.allSettled([outside?.stop(), ingressController?.stop(), ...hosts.map((h) => h.stop())]);
  await removeWorkspaces([workspace]);
  await removePlans(plans);
  await portal?.api.dispose();
});

test("a tenant pod reaches its own workspace, DNS and the public internet", async () => {
  expect(await fetchFrom(kube, "client", `http://private-web.${kube.namespace}.svc.cluster.local/`)).toContain(
    "private-web",
  );
  expect(await fetchFrom(kube, "client", `http://${ip.publicWeb}:8080/`)).toContain("public-web");
  expect(await fetchFrom(kube, "client", `http://${PUBLIC}/`), "public address").toBe(body(PUBLIC));
});

test("a tenant pod reaches no private network, no address in the service range and not the node", async () => {
  const nodeIp = await eventually("the real node's address", async () => {
    const node = await adminApi(k8s.CoreV1Api).readNode({ name: process.env.CANOPY_NODE_NAME ?? "canopy-node-1" });
    return node.status?.addresses?.find((address) => address.type === "InternalIP")?.address;
  });
  // Positive controls: without Canopy's policies, each of them answers.
  expect(await outside!.fetch(PRIVATE), "unrestricted → private").toBe(body(PRIVATE));
  expect(await outside!.fetch(SERVICE_RANGE), "unrestricted → service range").toBe(body(SERVICE_RANGE));
  expect(connected((await outside!.exec(connectCommand(nodeIp, KUBELET_PORT))).stderr), "unrestricted → kubelet").toBe(
    true,
  );

  expect(await fetchFrom(kube, "client", `http://${PRIVATE}/`), "tenant → private network").toBeNull();
  expect(await fetchFrom(kube, "client", `http://${SERVICE_RANGE}/`), "tenant → service range").toBeNull();
  expect(await connects(kube, "client", nodeIp, KUBELET_PORT), "tenant → the node's kubelet").toBe(false);
});

test("the ingress controller reaches runtimes with a public endpoint, and nothing else does from outside", async () => {
  expect(await ingressController!.fetch(ip.publicWeb!, 8080), "ingress controller → public runtime").toContain(
    "public-web",
  );
  expect(await ingressController!.fetch(ip.privateWeb!, 8080), "ingress controller → private pod").toBeNull();
  expect(await outside!.fetch(ip.publicWeb!, 8080), "another namespace → public runtime").toBeNull();
  // Positive control: the workspace's own pod reaches the private one.
  expect(await fetchFrom(kube, "client", `http://${ip.privateWeb}:8080/`)).toContain("private-web");
});

test("a plan can open a non-public network, and only that one", async () => {
  plans.push(await moveToPlan(workspace!, { allowedEgressCidrs: ["172.31.254.0/24"] }));
  await eventually(
    "the plan's network to be reachable",
    async () => ((await fetchFrom(kube, "client", `http://${PRIVATE}/`)) === body(PRIVATE) ? true : undefined),
    60_000,
  );
  expect(await fetchFrom(kube, "client", `http://${SERVICE_RANGE}/`), "tenant → service range").toBeNull();
});
