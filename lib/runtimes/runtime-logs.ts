import type { IncomingMessage } from "node:http";
import type { WorkspaceContext } from "@/lib/authz/context";
import { AppError, toAppError } from "@/lib/errors/app-error";
import { impersonatingKubeConfig } from "@/lib/kube/client";
import { openPodLog } from "@/lib/kube/pod-log";
import { hasStatus } from "@/lib/kube/status";
import { listLogSources, type LogPod } from "@/lib/runtimes/runtime-log-sources";
import type { RuntimeLogQuery } from "@/lib/runtimes/runtime-log-query";
import { memberUsername } from "@/lib/tenancy/kube-names";

// A runtime's logs as one byte stream, read from the API server as the member (so RBAC's
// pods/log rule is the second wall behind the guard's runtime.logs). Following keeps the
// API server's own follow stream open and passes each chunk on as it arrives: nothing
// re-reads the log. Several pods are merged line by line, each line prefixed "[pod] ".

/**
 * A followed log ends after this long. The guard and RBAC are asked once, when the stream
 * opens (the API server does not check a running stream again), so a member who was
 * removed, or lost the role, stops receiving lines within this time; the page offers to
 * follow again, which goes through both walls anew.
 */
export const FOLLOW_LIFETIME_MS = 30 * 60_000;

interface LogTarget {
  pod: string;
  container: string;
}

function pickTargets(pods: LogPod[], query: RuntimeLogQuery): LogTarget[] {
  const chosen = query.pod ? pods.filter((p) => p.name === query.pod) : pods;
  if (query.pod && chosen.length === 0) throw AppError.notFound("That pod of this runtime");
  if (chosen.length === 0) {
    throw new AppError("NOT_FOUND", "This runtime has no pods right now, so there are no logs to read.");
  }
  const targets: LogTarget[] = [];
  for (const pod of chosen) {
    const container = query.container ? pod.containers.find((c) => c.name === query.container) : pod.containers[0];
    if (!container) {
      if (query.pod) throw AppError.invalid("container", `This pod has no container named "${query.container}".`);
      continue;
    }
    if (query.previous ? container.hasPrevious : container.hasCurrent) {
      targets.push({ pod: pod.name, container: container.name });
    } else if (query.pod) {
      throw query.previous
        ? AppError.invalid("previous", "This container has not restarted, so there is no previous run to show.")
        : new AppError("CONFLICT", `This container has not started yet (${container.reason ?? "waiting"}).`);
    }
  }
  if (targets.length === 0) {
    throw query.previous
      ? AppError.invalid("previous", "No container of this runtime has restarted, so there is no previous run to show.")
      : new AppError("CONFLICT", "No container of this runtime has started yet.");
  }
  return targets;
}

/** What the cluster's refusal means for the member. */
function refusal(error: unknown): AppError {
  if (hasStatus(error, 403)) {
    return new AppError("FORBIDDEN", "The cluster refused to show this runtime's logs to your role.", { cause: error });
  }
  // 400: the container is between runs (starting, restarting) or its previous run is gone.
  if (hasStatus(error, 400)) {
    return new AppError("CONFLICT", "Kubernetes has no log for this container right now. Try again in a moment.", {
      cause: error,
    });
  }
  return toAppError(error);
}

/** Splits chunks into lines and prefixes each with its pod; a partial line waits for its end. */
function linePrefixer(prefix: string) {
  let partial = "";
  const decoder = new TextDecoder();
  return {
    push(chunk: Buffer): string {
      const text = partial + decoder.decode(chunk, { stream: true });
      const end = text.lastIndexOf("\n");
      if (end === -1) {
        partial = text;
        return "";
      }
      partial = text.slice(end + 1);
      return text
        .slice(0, end + 1)
        .split(/(?<=\n)/)
        .map((line) => prefix + line)
        .join("");
    },
    flush(): string {
      const rest = partial + decoder.decode();
      partial = "";
      return rest ? `${prefix}${rest}\n` : "";
    },
  };
}

function mergeResponses(
  responses: IncomingMessage[],
  targets: LogTarget[],
  stop: AbortController,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let closed = false;
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        let open = responses.length;
        const close = () => {
          if (closed) return;
          closed = true;
          stop.abort();
          controller.close();
        };
        stop.signal.addEventListener("abort", close, { once: true });
        responses.forEach((response, i) => {
          const prefixer = responses.length > 1 ? linePrefixer(`[${targets[i]!.pod}] `) : null;
          const send = (bytes: Uint8Array) => {
            if (closed || bytes.length === 0) return;
            controller.enqueue(bytes);
            // Backpressure: a slow browser pauses the API server's streams, not our memory.
            if ((controller.desiredSize ?? 1) <= 0) responses.forEach((r) => r.pause());
          };
          response.on("data", (chunk: Buffer) => send(prefixer ? encoder.encode(prefixer.push(chunk)) : chunk));
          let done = false;
          const ended = () => {
            if (done) return;
            done = true;
            if (prefixer) send(encoder.encode(prefixer.flush()));
            open -= 1;
            if (open === 0) close();
          };
          // The end of the log, or aborted (the browser went away) or cut off: done either way.
          response.on("end", ended);
          response.on("error", ended);
          response.on("close", ended);
        });
      },
      pull() {
        responses.forEach((r) => r.resume());
      },
      cancel() {
        closed = true;
        stop.abort();
      },
    },
    new CountQueuingStrategy({ highWaterMark: 64 }),
  );
}

/**
 * Opens the runtime's log as the member: resolves once the API server has accepted every
 * pod's log request (so a refusal is an error, not an empty stream), with the stream; it
 * ends when every log ends, or when `signal` aborts (the browser went away).
 */
export async function openRuntimeLogs(
  context: WorkspaceContext,
  query: RuntimeLogQuery,
  signal: AbortSignal,
  {
    followLifetimeMs = FOLLOW_LIFETIME_MS,
    pods,
  }: {
    followLifetimeMs?: number;
    /** The runtime's pods as just listed for this member (by the page), not listed again. */
    pods?: LogPod[];
  } = {},
): Promise<ReadableStream<Uint8Array>> {
  const targets = pickTargets(pods ?? (await listLogSources(context, query.runtime)), query);
  const kc = impersonatingKubeConfig(memberUsername(context.membership.id));
  const stop = new AbortController();
  if (signal.aborted) stop.abort();
  signal.addEventListener("abort", () => stop.abort(), { once: true });
  const follow = query.follow && !query.previous && !query.download;
  const opened = await Promise.allSettled(
    targets.map((target) =>
      openPodLog(
        kc,
        context.namespace,
        target.pod,
        {
          container: target.container,
          follow,
          previous: query.previous,
          timestamps: query.timestamps,
          tailLines: query.tailLines,
          sinceSeconds: query.sinceSeconds,
          sinceTime: query.sinceTime,
        },
        stop.signal,
      ),
    ),
  );
  const failed = opened.find((result) => result.status === "rejected");
  if (failed) {
    stop.abort();
    for (const result of opened) if (result.status === "fulfilled") result.value.destroy();
    throw refusal(failed.reason);
  }
  const responses = opened.map((result) => (result as PromiseFulfilledResult<IncomingMessage>).value);
  if (follow) setTimeout(() => stop.abort(), followLifetimeMs).unref();
  return mergeResponses(responses, targets, stop);
}

/** The file name a downloaded log is saved under. */
export function logFileName(query: RuntimeLogQuery, now = new Date()): string {
  const stamp = now.toISOString().slice(0, 19).replace(/[-:]/g, "").replace("T", "-");
  const parts = [query.runtime, query.pod, query.container, query.previous ? "previous" : null, stamp];
  return `${parts.filter(Boolean).join("_")}.log`;
}
