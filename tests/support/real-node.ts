import { readFileSync } from "node:fs";
import { PassThrough } from "node:stream";
import { fileURLToPath } from "node:url";
import * as k8s from "@kubernetes/client-node";

// Helpers for tests that run real containers on the local stack's real node: the stack's
// own images, and commands run inside a pod as a member would with `kubectl exec`.

/** An image the stack built and pushed to its registry (scripts/stack/images.sh). */
export function stackImage(name: "web:1" | "shell:1" | "pause:3.10.1"): string {
  const registry = process.env.CANOPY_REGISTRY;
  if (!registry) throw new Error("CANOPY_REGISTRY is not set: start the stack (npm run stack:up)");
  return `${registry}/canopy/${name}`;
}

/** host:port of the stack's ingress controller, plain HTTP (.data/stack.env). */
export function ingressHttpAddress(): { host: string; port: number } {
  const [host, port] = (process.env.CANOPY_INGRESS_HTTP ?? "").split(":");
  if (!host || !port) throw new Error("CANOPY_INGRESS_HTTP is not set: start the stack (npm run stack:up)");
  return { host, port: Number(port) };
}

export interface ExecResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** Runs a command in a pod's container through the API server (the kubelet's exec), with the kubeconfig's identity. */
export async function execInPod(
  kc: k8s.KubeConfig,
  namespace: string,
  pod: string,
  command: string[],
  container = "app",
): Promise<ExecResult> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  stdout.on("data", (chunk: Buffer) => out.push(chunk));
  stderr.on("data", (chunk: Buffer) => err.push(chunk));
  const status = await new Promise<k8s.V1Status>((resolve, reject) => {
    new k8s.Exec(kc)
      .exec(namespace, pod, container, command, stdout, stderr, null, false, resolve)
      .then((socket) => socket.on("error", reject))
      .catch(reject);
  });
  const code =
    status.status === "Success" ? 0 : Number(status.details?.causes?.find((c) => c.reason === "ExitCode")?.message);
  if (Number.isNaN(code)) throw new Error(`exec ${command.join(" ")} in ${namespace}/${pod} failed: ${status.message}`);
  return { exitCode: code, stdout: Buffer.concat(out).toString("utf8"), stderr: Buffer.concat(err).toString("utf8") };
}

/** A pod that passes Pod Security "restricted" and Canopy's admission policies, on the real node (RuntimeClass gvisor). */
export function sandboxedPod(
  name: string,
  image: string,
  options: { labels?: Record<string, string>; command?: string[]; memory?: string; port?: number } = {},
): k8s.V1Pod {
  const resources = { cpu: "50m", memory: options.memory ?? "64Mi" };
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, labels: options.labels ?? { app: name } },
    spec: {
      runtimeClassName: "gvisor",
      automountServiceAccountToken: false,
      enableServiceLinks: false,
      terminationGracePeriodSeconds: 1,
      securityContext: {
        runAsNonRoot: true,
        runAsUser: 65532,
        runAsGroup: 65532,
        seccompProfile: { type: "RuntimeDefault" },
      },
      containers: [
        {
          name: "app",
          image,
          // The workspace admission policy refuses cached images (lib/tenancy/pod-policies.ts).
          imagePullPolicy: "Always",
          ...(options.command ? { command: options.command } : {}),
          ...(options.port ? { ports: [{ containerPort: options.port }] } : {}),
          resources: { requests: resources, limits: resources },
          securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] } },
        },
      ],
    },
  };
}

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

/** Sends a signal to one of the stack's processes (its pid file in .data/run, scripts/stack/lib.sh). */
export function signalStackProcess(name: string, signal: NodeJS.Signals): void {
  process.kill(Number(readFileSync(`${ROOT}/.data/run/${name}.pid`, "utf8")), signal);
}

/** Waits until a stack process is gone (or a zombie waiting to be reaped): a signal is delivered after kill() returns. */
export async function stackProcessExited(name: string, timeoutMs = 15_000): Promise<void> {
  const pid = Number(readFileSync(`${ROOT}/.data/run/${name}.pid`, "utf8"));
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    let state: string | undefined;
    try {
      state = readFileSync(`/proc/${pid}/stat`, "utf8")
        .replace(/^.*\) /s, "")
        .split(" ")[0];
    } catch {
      return;
    }
    if (state === "Z") return;
    if (Date.now() > deadline) throw new Error(`${name} (pid ${pid}) still running ${timeoutMs} ms after its signal`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
