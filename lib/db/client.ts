import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/db/generated/client";
import { env } from "@/lib/config/env";

// One Prisma client per process. In development Next.js reloads modules, so the client
// is kept on globalThis to avoid opening a new pool on every reload.
const globalForPrisma = globalThis as unknown as { canopyPrisma?: PrismaClient };

export function db(): PrismaClient {
  if (!globalForPrisma.canopyPrisma) {
    globalForPrisma.canopyPrisma = new PrismaClient({
      adapter: new PrismaPg({ connectionString: env().DATABASE_URL }),
    });
  }
  return globalForPrisma.canopyPrisma;
}
