import type pg from "pg";
import { copyFrom } from "@/lib/db/copy-from";
import type { Prisma } from "@/lib/db/generated/client";

// The pg connection under a Prisma interactive transaction, for what Prisma cannot send
// (COPY … FROM STDIN), so that it commits or rolls back with the rest of the transaction
// (a minute's rows with its fencing check and cursor, docs/decisions/010). Prisma runs a
// transaction on one connection of our pool, found here by its backend's process id.
//
// Prisma may end the transaction on its own while we hold the connection (its timeout: it
// queues ROLLBACK, then returns the connection to the pool). So nothing is sent once the
// pool has the connection back, and every message starts with SAVEPOINT, which PostgreSQL
// refuses outside a transaction block: a message queued behind that ROLLBACK does nothing.

type Backend = pg.PoolClient & { processID: number };

/** The pool's connections lent out now, by backend process id. */
const lent = new Map<number, pg.PoolClient>();

/** Follows which connection of `pool` is lent out (the pool Prisma's adapter uses). */
export function trackConnections(pool: pg.Pool): void {
  pool.on("acquire", (client) => lent.set((client as Backend).processID, client));
  pool.on("release", (_error, client) => {
    const pid = (client as Backend).processID;
    if (lent.get(pid) === client) lent.delete(pid);
  });
}

export interface TransactionConnection {
  /** Runs statements in the transaction, atomically; the result of each. */
  query(sql: string): Promise<pg.QueryResult[]>;
  /** Runs statements ending with COPY … FROM STDIN, fed with `data`, atomically; the rows copied. */
  copyFrom(sql: string, data: string): Promise<number>;
}

/**
 * The connection of `tx`. Each call runs in a savepoint of its own: when it fails, what it
 * did is rolled back and the transaction goes on (PostgreSQL's error is thrown).
 */
export async function transactionConnection(tx: Prisma.TransactionClient): Promise<TransactionConnection> {
  const [row] = await tx.$queryRaw<{ pid: number }[]>`SELECT pg_backend_pid() AS pid`;
  const pid = row!.pid;
  const client = lent.get(pid);
  if (!client) throw new Error(`the transaction's connection (backend ${pid}) is not one of the pool's`);
  const ours = () => lent.get(pid) === client;

  async function atomically<T>(send: (sql: string) => Promise<T>, sql: string): Promise<T> {
    if (!ours()) throw new Error("the transaction ended before its connection was used");
    try {
      return await send(`SAVEPOINT canopy_raw; ${sql}; RELEASE SAVEPOINT canopy_raw`);
    } catch (error) {
      // An error of PostgreSQL's (it has a code) left the transaction aborted: back to the savepoint.
      // If that fails too, the transaction stays aborted and fails as a whole; the first error says why.
      if (ours() && (error as { code?: string }).code) {
        await client!.query("ROLLBACK TO SAVEPOINT canopy_raw; RELEASE SAVEPOINT canopy_raw").catch(() => undefined);
      }
      throw error;
    }
  }

  return {
    query: async (sql) => {
      const results = (await atomically((text) => client.query(text), sql)) as unknown as pg.QueryResult[];
      return results.slice(1, -1);
    },
    copyFrom: (sql, data) => atomically((text) => copyFrom(client, text, data), sql),
  };
}
