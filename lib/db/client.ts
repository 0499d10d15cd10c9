import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/db/generated/client";
import { env } from "@/lib/config/env";
import { trackConnections } from "@/lib/db/transaction-connection";

// One Prisma client per process. In development Next.js reloads modules, so the client
// is kept on globalThis to avoid opening a new pool on every reload. The pool is ours, not
// the adapter's, so that a transaction's connection can be found for COPY
// (transaction-connection.ts); $disconnect still ends it.
const globalForPrisma = globalThis as unknown as { canopyPrisma?: PrismaClient };

export function db(): PrismaClient {
  if (!globalForPrisma.canopyPrisma) {
    const pool = new pg.Pool({ connectionString: env().DATABASE_URL });
    trackConnections(pool);
    globalForPrisma.canopyPrisma = new PrismaClient({
      adapter: new PrismaPg(pool, { disposeExternalPool: true }),
    });
  }
  return globalForPrisma.canopyPrisma;
}
