// Applies pending migrations from prisma/migrations to $DATABASE_URL.
// Usage: DATABASE_URL=postgresql://... npx tsx scripts/db/migrate.ts   (or: npm run db:migrate)
import { migrate } from "../../lib/db/migrate";

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  console.error("DATABASE_URL is not set: point it at the PostgreSQL database to migrate.");
  process.exit(1);
}

try {
  const { applied } = await migrate(databaseUrl, { log: (msg) => console.log(msg) });
  console.log(applied.length === 0 ? "database is up to date" : `applied ${applied.length} migration(s)`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
