import type { WorkspaceContext } from "@/lib/authz/context";
import { componentLogger } from "@/lib/observability/logger";
import { openRuntimeLogs } from "@/lib/runtimes/runtime-logs";
import type { LogPod } from "@/lib/runtimes/runtime-log-sources";

// The end of a runtime's log, read on the server while the logs page renders, so that its
// HTML already shows the newest lines: the reader sees them before the page's JavaScript has
// run and opened the live (followed) log, which then takes their place. Read through the same
// path as the live log (the member's identity, the same pods and the same tail), so the lines
// and their numbers are those the live view opens with.

const log = componentLogger("runtime-logs");

export interface LogSnapshot {
  /** The newest lines of the tail, oldest first. */
  lines: string[];
  /** The number the first of `lines` has in the tail (as the live view numbers it). */
  firstNumber: number;
}

/** At most this many lines and characters go into the page. */
const SHOWN_LINES = 80;
const SHOWN_CHARS = 32_768;

/**
 * The last lines of the tail the logs page opens with (`tailLines` of every pod, or of the
 * only one), or null when there are none or they take longer than `timeoutMs`: the page is
 * not held back for a slow log; the live view loads it as before.
 */
export async function readLogSnapshot(
  context: WorkspaceContext,
  runtime: string,
  pods: LogPod[],
  { tailLines, timeoutMs = 400 }: { tailLines: number; timeoutMs?: number },
): Promise<LogSnapshot | null> {
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const query = {
      runtime,
      pod: pods.length === 1 ? pods[0]!.name : undefined,
      tailLines,
      follow: false,
      previous: false,
      timestamps: false,
      download: false,
    };
    const stream = await openRuntimeLogs(context, query, signal, { pods });
    const text = await new Response(stream).text();
    if (signal.aborted) return null;
    const all = text.split("\n");
    if (all.at(-1) === "") all.pop();
    let start = Math.max(0, all.length - SHOWN_LINES);
    let chars = 0;
    for (let i = all.length - 1; i >= start; i -= 1) {
      chars += all[i]!.length;
      if (chars > SHOWN_CHARS) {
        start = i + 1;
        break;
      }
    }
    const lines = all.slice(start);
    return lines.length ? { lines, firstNumber: start + 1 } : null;
  } catch (error) {
    // The live view asks again and explains any refusal; here it only means no head start.
    if (!signal.aborted) log.debug({ err: error, runtime }, "log snapshot not read");
    return null;
  }
}
