// Applies pending migrations from prisma/migrations to $DATABASE_URL.
// Usage: DATABASE_URL=postgresql://... npx tsx scripts/db/migrate.ts   (or: npm run db:migrate)
// The image runs it bundled, as /app/dist/migrate.mjs beside /app/prisma/migrations.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { migrate } from "../../lib/db/migrate";

// From the source tree (scripts/db/) or from the image's bundle (dist/).
const migrationsDir = ["../../prisma/migrations", "../prisma/migrations"]
  .map((relative) => fileURLToPath(new URL(relative, import.meta.url)))
  .find((dir) => existsSync(dir));

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  console.error("DATABASE_URL is not set: point it at the PostgreSQL database to migrate.");
  process.exit(1);
}

try {
  if (!migrationsDir) throw new Error(`prisma/migrations is missing beside ${fileURLToPath(import.meta.url)}`);
  const { applied } = await migrate(databaseUrl, { migrationsDir, log: (msg) => console.log(msg) });
  console.log(applied.length === 0 ? "database is up to date" : `applied ${applied.length} migration(s)`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
