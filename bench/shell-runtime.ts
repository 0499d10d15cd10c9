import * as k8s from "@kubernetes/client-node";
import type { WorkspaceContext } from "@/lib/authz/context";
import { authorizeWorkspace } from "@/lib/authz/guard";
import { grantCredit } from "@/lib/billing/credits";
import { db } from "@/lib/db/client";
import { adminApi } from "@/lib/kube/client";
import { createRuntime } from "@/lib/runtimes/create-runtime";
import { createRuntimeInput } from "@/lib/runtimes/runtime-input";
import { createTeamWorkspace } from "@/lib/workspaces/create-workspace";
import { stackImage } from "../tests/support/real-node";
import { createSession } from "../tests/support/session";
import { tag } from "./support";

// What the runtime-experience benchmarks (logs-first-line, terminal-echo) start from: a
// member who owns a team workspace with credit, one runtime of the stack's shell image on
// the real node (gVisor) made through the product's own createRuntime, its pod running;
// and a signed-in session for the portal.

export interface ShellRuntime {
  userId: string;
  slug: string;
  runtime: string;
  pod: string;
  context: WorkspaceContext;
}

/** Name and value of a session cookie that signs the member in at `portalUrl`. */
export async function sessionCookie(userId: string, portalUrl: string): Promise<{ name: string; value: string }> {
  const session = await createSession(userId, portalUrl, 24 * 3600_000);
  const [name, value] = session.cookie.split("=") as [string, string];
  return { name, value };
}

/** `lines` numbered lines at start, then silent until SIGTERM (which stops it at once). */
function script(lines: number): string {
  return [
    `i=1; while [ $i -le ${lines} ]; do echo "line $i of the bench log"; i=$((i+1)); done`,
    "trap 'exit 0' TERM; while :; do sleep 1; done",
  ].join("; ");
}

async function runningPod(namespace: string, runtime: string, deadlineMs: number): Promise<string> {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    const pods = await adminApi(k8s.CoreV1Api).listNamespacedPod({
      namespace,
      labelSelector: `canopy.dev/runtime=${runtime}`,
    });
    const pod = pods.items.find(
      (p) =>
        p.status?.phase === "Running" &&
        !p.metadata?.deletionTimestamp &&
        p.status.containerStatuses?.every((c) => c.ready),
    );
    if (pod) return pod.metadata!.name!;
    if (Date.now() > deadline) throw new Error(`no running pod of ${runtime} within ${deadlineMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

export async function startShellRuntime(options: { prefix: string; lines: number }): Promise<ShellRuntime> {
  const t = tag();
  const user = await db().user.create({
    data: { name: `Bench ${t}`, email: `bench-${t}@bench.canopy.test`, emailVerified: new Date() },
  });
  const actor = { userId: user.id };
  const { slug } = await createTeamWorkspace(actor, { displayName: `Bench ${t}`, slug: `${options.prefix}-${t}` });
  await grantCredit({ workspaceSlug: slug, amountMicros: 1_000_000_000n, grantedBy: "bench", note: "Bench grant" });
  const context = await authorizeWorkspace(actor, slug, "runtime.write");
  const runtime = "shell";
  await createRuntime(
    context,
    createRuntimeInput.parse({
      name: runtime,
      image: stackImage("shell:1"),
      command: ["sh", "-c", script(options.lines)],
      cpu: "100m",
      memory: "64Mi",
      replicas: 1,
      runtimeClass: "gvisor",
    }),
  );
  const pod = await runningPod(context.namespace, runtime, 120_000);
  return { userId: user.id, slug, runtime, pod, context };
}
