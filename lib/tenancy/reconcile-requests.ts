import pg from "pg";
import { env } from "@/lib/config/env";
import { db } from "@/lib/db/client";
import { componentLogger } from "@/lib/observability/logger";

// PostgreSQL to the reconciler's queue: a process that changed a workspace in PostgreSQL but
// could not apply it to the cluster asks the worker's reconciler to (NOTIFY on one
// channel, the workspace's id as payload); the reconciler LISTENs and queues it at once,
// with its own retries, instead of leaving it to the next full pass. Notifications sent
// while the listener is disconnected are lost; the full pass still covers those.

const CHANNEL = "canopy_reconcile";
const log = componentLogger("reconciler");

/** Asks the leader's reconciler to converge `workspaceId` soon. Never throws. */
export async function requestReconcile(workspaceId: string): Promise<void> {
  try {
    await db().$executeRaw`SELECT pg_notify(${CHANNEL}, ${workspaceId})`;
  } catch (error) {
    log.warn({ workspaceId, err: error }, "could not ask the reconciler; the next full pass will converge it");
  }
}

export interface Listener {
  /** Resolves once LISTEN is in place (the first time). */
  ready: Promise<void>;
  stop(): Promise<void>;
}

/** Calls `onWorkspace` with each requested workspace id; reconnects with backoff. */
export function listenForReconcileRequests(onWorkspace: (workspaceId: string) => void): Listener {
  let stopped = false;
  let client: pg.Client | undefined;
  let markReady = () => {};
  const ready = new Promise<void>((resolve) => (markReady = resolve));

  const run = async () => {
    let backoff = 500;
    while (!stopped) {
      const current = new pg.Client({ connectionString: env().DATABASE_URL });
      client = current;
      try {
        const closed = new Promise<void>((resolve) => {
          current.on("error", () => resolve());
          current.on("end", () => resolve());
        });
        current.on("notification", (message) => {
          if (message.channel === CHANNEL && message.payload) onWorkspace(message.payload);
        });
        await current.connect();
        await current.query(`LISTEN ${CHANNEL}`);
        markReady();
        backoff = 500;
        await closed;
      } catch (error) {
        if (!stopped) log.warn({ err: error }, `reconcile requests: listener failed; retrying in ${backoff}ms`);
      }
      await current.end().catch(() => undefined);
      if (stopped) break;
      await new Promise((resolve) => setTimeout(resolve, backoff).unref());
      backoff = Math.min(backoff * 2, 30_000);
    }
  };
  const loop = run();
  return {
    ready,
    async stop() {
      stopped = true;
      await client?.end().catch(() => undefined);
      await loop;
    },
  };
}
