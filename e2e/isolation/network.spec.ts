import * as k8s from "@kubernetes/client-node";
import { expect, test } from "@playwright/test";
import { adminApi, adminKubeConfig } from "@/lib/kube/client";
import { eventually } from "../../tests/support/kube";
import { execInPod, sandboxedPod, stackImage } from "../../tests/support/real-node";
import { firewallKnows, untilFirewallKnows, withFirewallPaused } from "../../tests/support/node-firewall";
import { connects, createReadyPod, fetchFrom, startPod } from "./pod-network";
import { startFakeMetadataService, type FakeMetadataService } from "../../tests/support/fake-metadata";
import { adminKube, apiPath, type MemberKube } from "./fixtures/kube";
import { expectAllowed } from "./fixtures/refusals";
import {
  downloadKubeconfig,
  openPortal,
  removeWorkspaces,
  teamWorkspace,
  type Portal,
  type TestWorkspace,
} from "./fixtures/workspaces";

// Network isolation on the real node: real pods under gVisor, real packets, the
// workspace's NetworkPolicies enforced by kube-router. Every connection is attempted from
// inside a pod with the pod's own tools (busybox wget and nc), started and exec'd with the
// member's downloaded kubeconfig. Each refusal has a positive control that takes the same
// path and gets through.

test.describe.configure({ mode: "serial" });

let portal: Portal;
let a: TestWorkspace | undefined;
let b: TestWorkspace | undefined;
let kubeA: MemberKube;
let kubeB: MemberKube;
const ip: Record<string, string> = {};

test.beforeAll(async ({ playwright }, testInfo) => {
  test.setTimeout(240_000);
  portal = await openPortal(playwright, testInfo);
  a = await teamWorkspace(portal, "net-a");
  b = await teamWorkspace(portal, "net-b");
  kubeA = (await downloadKubeconfig(portal, a.slug, a.owner)).kube;
  kubeB = (await downloadKubeconfig(portal, b.slug, b.owner)).kube;

  const service: k8s.V1Service = {
    apiVersion: "v1",
    kind: "Service",
    metadata: { name: "web" },
    spec: { selector: { app: "web" }, ports: [{ port: 80, targetPort: 8080 }] },
  };
  expectAllowed(
    await kubeA.request("POST", apiPath("", "services", { namespace: kubeA.namespace }), service),
    "service in A",
  );
  expectAllowed(
    await kubeB.request("POST", apiPath("", "services", { namespace: kubeB.namespace }), service),
    "service in B",
  );
  const [webA, clientA, webB, clientB] = await Promise.all([
    startPod(kubeA, sandboxedPod("web", stackImage("web:1"), { labels: { app: "web" }, port: 8080 })),
    startPod(kubeA, sandboxedPod("client", stackImage("shell:1"))),
    startPod(kubeB, sandboxedPod("web", stackImage("web:1"), { labels: { app: "web" }, port: 8080 })),
    startPod(kubeB, sandboxedPod("client", stackImage("shell:1"))),
  ]);
  Object.assign(ip, { webA, clientA, webB, clientB });
});

test.afterAll(async () => {
  await removeWorkspaces([a, b]);
});

test("a pod reaches a pod and a Service of its own workspace, by address and by DNS name", async () => {
  // A Running pod may not listen yet (gVisor starts it a moment later): ask until it answers.
  await expect.poll(() => fetchFrom(kubeA, "client", `http://${ip.webA}:8080/`), { timeout: 30_000 }).toContain("web");
  // The body names the serving pod: the answer came from A's own web pod.
  const byService = await fetchFrom(kubeA, "client", `http://web.${kubeA.namespace}.svc.cluster.local/`);
  expect(byService).toContain("web");
});

test("a pod of another workspace cannot connect to a pod or a Service of this one", async () => {
  // Positive control: B's client reaches B's own web pod and Service the same way.
  await expect.poll(() => fetchFrom(kubeB, "client", `http://${ip.webB}:8080/`), { timeout: 30_000 }).toContain("web");
  expect(await fetchFrom(kubeB, "client", `http://web.${kubeB.namespace}.svc.cluster.local/`)).toContain("web");

  expect(await fetchFrom(kubeB, "client", `http://${ip.webA}:8080/`), "B's pod → A's pod").toBeNull();
  expect(
    await fetchFrom(kubeB, "client", `http://web.${kubeA.namespace}.svc.cluster.local/`),
    "B's pod → A's Service",
  ).toBeNull();
  // Not even a TCP handshake: the policy drops the packets, whatever would answer them.
  expect(await connects(kubeB, "client", ip.webB!, 8080), "B's pod → B's pod (control)").toBe(true);
  expect(await connects(kubeB, "client", ip.webA!, 8080), "B's pod → A's pod, TCP").toBe(false);
});

test("new pods reach nothing until the node's firewall knows them, then what their policies allow", async () => {
  test.setTimeout(240_000);
  /** GET from the node itself: its own traffic to pods is not forwarded, so no policy applies. */
  const fromNode = (address: string) =>
    fetch(`http://${address}:8080/`, { signal: AbortSignal.timeout(4_000) })
      .then((response) => response.text())
      .catch(() => null);
  // kube-router writes a new pod's chain in its next full sync, seconds after the pod has its
  // address; paused, it holds that window open for as long as the test needs.
  const late = await withFirewallPaused(async () => {
    const [webA, clientB] = await Promise.all([
      createReadyPod(kubeA, sandboxedPod("late-web", stackImage("web:1"), { labels: { app: "late-web" }, port: 8080 })),
      createReadyPod(kubeB, sandboxedPod("late-client", stackImage("shell:1"))),
    ]);
    expect(firewallKnows(webA) || firewallKnows(clientB), "the paused firewall knows neither new pod").toBe(false);
    // Positive controls in the same window: the new web pod serves, and known pods still talk.
    // A Ready pod may not listen yet: gVisor starts its process a moment later, longer on a busy node.
    await expect.poll(() => fromNode(webA), { timeout: 90_000 }).toContain("late-web");
    expect(await connects(kubeB, "client", ip.webB!, 8080), "known B pod → known B pod").toBe(true);
    expect(await connects(kubeB, "late-client", webA, 8080), "new B pod → new A pod").toBe(false);
    expect(await connects(kubeB, "late-client", ip.webB!, 8080), "new B pod → its own workspace").toBe(false);
    return { webA, clientB };
  });
  await Promise.all([untilFirewallKnows(late.webA), untilFirewallKnows(late.clientB)]);
  expect(await connects(kubeB, "late-client", ip.webB!, 8080), "new B pod, known → its own workspace").toBe(true);
  expect(await connects(kubeA, "client", late.webA, 8080), "A's pod → new A pod, known").toBe(true);
  expect(await connects(kubeB, "late-client", late.webA, 8080), "new B pod → new A pod, both known").toBe(false);
});

test.describe("what a tenant pod may not reach outside the cluster network", () => {
  let metadata: FakeMetadataService | undefined;
  test.beforeAll(async () => {
    metadata = await startFakeMetadataService();
  });
  test.afterAll(async () => {
    await metadata?.stop();
  });

  test("the cloud metadata address", async () => {
    // Positive control: a pod in a namespace without Canopy's policies reaches it, off the
    // node, as a cloud's metadata service would be.
    expect(await metadata!.fetchFromUnrestrictedPod()).toContain(metadata!.body);
    expect(await fetchFrom(kubeA, "client", "http://169.254.169.254/"), "tenant pod → metadata").toBeNull();
  });

  test("the API server, on its node address and its Service address, and the portal's PostgreSQL", async () => {
    const nodeIp = await eventually("the real node's address", async () => {
      const node = await adminApi(k8s.CoreV1Api).readNode({ name: process.env.CANOPY_NODE_NAME ?? "canopy-node-1" });
      return node.status?.addresses?.find((address) => address.type === "InternalIP")?.address;
    });
    const apiserverPort = Number(new URL(adminKubeConfig().getCurrentCluster()!.server).port);
    const postgresPort = Number(new URL(process.env.DATABASE_URL!).port);
    // Positive control: the same pod opens TCP connections to a Service (its own) and to cluster DNS.
    expect(await connects(kubeA, "client", `web.${kubeA.namespace}.svc.cluster.local`, 80)).toBe(true);
    expect(await connects(kubeA, "client", "169.254.20.10", 53)).toBe(true);

    expect(await connects(kubeA, "client", nodeIp, apiserverPort), "API server on the node address").toBe(false);
    expect(await connects(kubeA, "client", nodeIp, postgresPort), "PostgreSQL on the node address").toBe(false);
    // The Service `kubernetes` has no endpoints here (the API server listens on loopback), so
    // a packet to it is not rewritten and leaves the node like any egress; what matters is
    // that no API server answers. Positive control: the check recognises one (the host's view).
    const version = (url: string) =>
      execInPod(kubeA.kc, kubeA.namespace, "client", [
        "wget",
        "-q",
        "-O",
        "-",
        "--no-check-certificate",
        "-T",
        "4",
        url,
      ]);
    const hostView = JSON.stringify((await adminKube().request("GET", "/version")).body);
    expect(hostView).toContain('"gitVersion"');
    expect((await version("https://10.96.0.1/version")).stdout, "API server's Service address").not.toContain(
      '"gitVersion"',
    );
    expect((await version("https://kubernetes.default.svc/version")).stdout, "API server's name").not.toContain(
      '"gitVersion"',
    );
  });
});
