import { spawnSync } from "node:child_process";
import { eventually } from "./kube";
import { signalStackProcess } from "./real-node";

// The real node's NetworkPolicy firewall (kube-router, scripts/stack/node/network.sh), seen
// from the machine it runs on. A new pod's traffic is refused until kube-router has written
// the pod's chain (the stack's pod guard fails closed), so a test that expects a pod to be
// reached waits for that first; a test of the guard pauses kube-router to hold the window open.

function forwardRules(): string {
  const result = spawnSync("iptables", ["-w", "-S", "KUBE-ROUTER-FORWARD"], { encoding: "utf8" });
  if (result.status !== 0) throw new Error(`iptables -S KUBE-ROUTER-FORWARD: ${result.stderr.trim()}`);
  return result.stdout;
}

/** Whether kube-router has written a chain for the pod with this address. */
export function firewallKnows(podIp: string): boolean {
  return forwardRules().includes(` -d ${podIp}/32 `);
}

/** Waits until kube-router has written the pod's chain: from then on its policies decide. */
export async function untilFirewallKnows(podIp: string, timeoutMs = 90_000): Promise<void> {
  await eventually(
    `the node's firewall to know pod ${podIp}`,
    async () => (firewallKnows(podIp) ? true : undefined),
    timeoutMs,
  );
}

/** Runs `body` with kube-router stopped (SIGSTOP), so no new pod gets a chain meanwhile. */
export async function withFirewallPaused<T>(body: () => Promise<T>): Promise<T> {
  signalStackProcess("kube-router", "SIGSTOP");
  try {
    return await body();
  } finally {
    signalStackProcess("kube-router", "SIGCONT");
  }
}
