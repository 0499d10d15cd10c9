import * as k8s from "@kubernetes/client-node";
import { adminApi } from "@/lib/kube/client";
import { eventually } from "../../tests/support/kube";
import { untilFirewallKnows } from "../../tests/support/node-firewall";
import { execInPod } from "../../tests/support/real-node";
import { apiPath, type MemberKube } from "./fixtures/kube";
import { expectAllowed } from "./fixtures/refusals";

// Real packets from real pods on the real node, for the network checks: pods started and
// exec'd with a member's downloaded kubeconfig, connections tried with the pod's own tools.

export const CONNECT_TIMEOUT_S = 4;

/**
 * Creates the pod as the member and waits until it is Ready on the real node and the node's
 * firewall knows it (until then its traffic is refused); its address.
 */
export async function startPod(kube: MemberKube, pod: k8s.V1Pod): Promise<string> {
  const ip = await createReadyPod(kube, pod);
  await untilFirewallKnows(ip);
  return ip;
}

/** Creates the pod as the member and waits until it is Ready on the real node; its address. */
export async function createReadyPod(kube: MemberKube, pod: k8s.V1Pod): Promise<string> {
  const response = await kube.request("POST", apiPath("", "pods", { namespace: kube.namespace }), pod);
  expectAllowed(response, `create pod ${pod.metadata!.name}`);
  const name = pod.metadata!.name!;
  return eventually(
    `pod ${kube.namespace}/${name} to be Ready on the real node`,
    async () => {
      const live = await adminApi(k8s.CoreV1Api).readNamespacedPod({ name, namespace: kube.namespace });
      const ready = live.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True");
      return ready ? live.status!.podIP! : undefined;
    },
    90_000,
  );
}

/** Fetches a URL from inside a pod; the body, or null when the connection failed. */
export async function fetchFrom(kube: MemberKube, pod: string, url: string): Promise<string | null> {
  const result = await execInPod(kube.kc, kube.namespace, pod, [
    "wget",
    "-q",
    "-O",
    "-",
    "-T",
    String(CONNECT_TIMEOUT_S),
    url,
  ]);
  return result.exitCode === 0 ? result.stdout : null;
}

/** The command that tells whether a TCP connection to host:port opens (see connects). */
export function connectCommand(host: string, port: number): string[] {
  return ["wget", "--tries=1", "-T", String(CONNECT_TIMEOUT_S), "-O", "/dev/null", `http://${host}:${port}/`];
}

/** GNU wget says "connected." once the handshake is done, before it speaks HTTP. */
export function connected(stderr: string): boolean {
  return /\.\.\. connected\./.test(stderr);
}

/** Whether a TCP connection from inside a pod to host:port opens, whatever the protocol behind it. */
export async function connects(kube: MemberKube, pod: string, host: string, port: number): Promise<boolean> {
  const result = await execInPod(kube.kc, kube.namespace, pod, connectCommand(host, port));
  return connected(result.stderr);
}
