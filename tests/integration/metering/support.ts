import { randomBytes } from "node:crypto";
import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import * as k8s from "@kubernetes/client-node";
import { db } from "@/lib/db/client";
import { adminApi } from "@/lib/kube/client";
import { provisionWorkspace } from "@/lib/tenancy/provision-workspace";
import { MANAGED_BY, MANAGED_BY_LABEL, WORKSPACE_ID_LABEL } from "@/lib/tenancy/kube-names";
import { teamWorkspace } from "../../support/factories";
import { eventually } from "../../support/kube";
import { stackImage } from "../../support/real-node";
import { ledgerEntries } from "../../support/usage-ledger";

export const core = adminApi(k8s.CoreV1Api);
export const apps = adminApi(k8s.AppsV1Api);
export const networking = adminApi(k8s.NetworkingV1Api);

/** A provisioned team workspace and a namespace selector that picks only its namespace. */
export async function billedWorkspace(prefix = "bill") {
  const { owner, slug, workspace, namespace } = await teamWorkspace({ prefix });
  return { owner, slug, workspace, namespace, selector: `${WORKSPACE_ID_LABEL} in (${workspace.id})` };
}

const restrictedContainer = (cpu: string, memory: string): k8s.V1Container => ({
  name: "app",
  image: stackImage("pause:3.10.1"),
  imagePullPolicy: "Always",
  resources: { requests: { cpu, memory }, limits: { cpu, memory } },
  securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] } },
});

export function podSpec(cpu: string, memory: string, extra: Partial<k8s.V1PodSpec> = {}): k8s.V1PodSpec {
  return {
    runtimeClassName: "gvisor",
    securityContext: { runAsNonRoot: true, runAsUser: 1000, seccompProfile: { type: "RuntimeDefault" } },
    containers: [restrictedContainer(cpu, memory)],
    ...extra,
  };
}

/** A pod that kwok runs (or, with `pending`, one no node can take), once it is in that phase. */
export async function createPod(
  namespace: string,
  name: string,
  options: { cpu?: string; memory?: string; runtime?: string; pending?: boolean } = {},
): Promise<k8s.V1Pod> {
  await core.createNamespacedPod({
    namespace,
    body: {
      metadata: { name, labels: options.runtime ? { "canopy.dev/runtime": options.runtime } : {} },
      spec: podSpec(
        options.cpu ?? "250m",
        options.memory ?? "256Mi",
        options.pending ? { nodeSelector: { "canopy.test/nowhere": "true" } } : {},
      ),
    },
  });
  return eventually(`pod ${name} ${options.pending ? "pending" : "running"}`, async () => {
    const pod = await core.readNamespacedPod({ name, namespace });
    if (options.pending) return pod.status?.phase === "Pending" ? pod : undefined;
    return pod.status?.phase === "Running" && pod.status.containerStatuses?.[0]?.state?.running ? pod : undefined;
  });
}

export async function createBoundClaim(namespace: string, name: string, size = "1Gi") {
  await core.createNamespacedPersistentVolumeClaim({
    namespace,
    body: {
      metadata: { name },
      spec: {
        storageClassName: "standard",
        accessModes: ["ReadWriteOnce"],
        resources: { requests: { storage: size } },
      },
    },
  });
  return eventually(`claim ${name} bound`, async () => {
    const pvc = await core.readNamespacedPersistentVolumeClaim({ name, namespace });
    return pvc.status?.phase === "Bound" ? pvc : undefined;
  });
}

/** A public endpoint as Canopy makes one: the host reserved in PostgreSQL, then its Ingress. */
export async function createEndpoint(workspaceId: string, namespace: string, name: string, runtime: string) {
  const host = `${name}-${randomBytes(4).toString("hex")}.example.test`;
  await db().publicEndpoint.create({ data: { workspaceId, runtimeName: runtime, host } });
  await provisionWorkspace(workspaceId); // lists the host on the namespace for the admission policy
  return networking.createNamespacedIngress({
    namespace,
    body: {
      metadata: { name, labels: { [MANAGED_BY_LABEL]: MANAGED_BY, "canopy.dev/runtime": runtime } },
      spec: {
        rules: [
          {
            host,
            http: {
              paths: [
                {
                  path: "/",
                  pathType: "Prefix",
                  backend: { service: { name: runtime, port: { number: 80 } } },
                },
              ],
            },
          },
        ],
      },
    },
  });
}

export interface UsageKey {
  key: string;
  quantity: bigint;
}

/** The workspace's usage rows as sorted "uid resource minute=quantity" strings. */
export async function usageRows(workspaceId: string): Promise<string[]> {
  const rows = await ledgerEntries({ workspaceId });
  return rows.map((r) => `${r.objectUid} ${r.resource} ${r.minute.toISOString()}=${r.quantity}`).sort();
}

const CHILD = fileURLToPath(new URL("../../support/metering-child.ts", import.meta.url));

/**
 * A metering worker in its own process, on a clock that runs `speed` times faster than real
 * time from `simStart` (taken at real time `realStart`), metering up to `until`. Prints
 * "ready" once its informers have listed, "done" once it has written the minute before `until`.
 */
export function spawnMeter(options: {
  workerId: string;
  selector: string;
  simStart: Date;
  realStart: number;
  speed: number;
  until: Date;
}): ChildProcess & { output: () => string; finished: Promise<number | null> } {
  const child = spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      CHILD,
      options.workerId,
      options.selector,
      options.simStart.toISOString(),
      String(options.realStart),
      String(options.speed),
      options.until.toISOString(),
    ],
    { env: process.env, stdio: ["ignore", "pipe", "pipe"] },
  );
  let output = "";
  child.stdout!.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (output += d.toString()));
  const finished = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return Object.assign(child, { output: () => output, finished });
}
