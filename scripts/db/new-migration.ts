// Writes the next SQL migration: prisma/migrations/<UTC YYYYMMDDHHMMSS>_<name>/migration.sql, holding
// the SQL that takes a database migrated with every existing migration to what schema.prisma
// describes now. The stand-in for `prisma migrate dev --create-only`, whose native schema engine
// cannot be downloaded here: Prisma's WebAssembly schema engine (scripts/db/schema-engine.ts)
// replays the existing migrations on a temporary shadow database and diffs it against the schema,
// like `prisma migrate diff --from-migrations prisma/migrations --to-schema prisma/schema.prisma`.
//
// Usage: npm run db:new-migration -- <name> [--schema <file>] [--migrations-dir <dir>]
// DATABASE_URL must point at a PostgreSQL server (for local use: .data/stack.env) whose user may
// CREATE DATABASE; the shadow database is created on that server and dropped again afterwards.
// The DATABASE_URL database itself is left untouched.
import { randomBytes } from "node:crypto";
import { mkdir, readFile, readdir, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { databaseUrl as onDatabase, dropDatabase, ensureDatabase } from "../../lib/db/ensure-database";
import { openSchemaEngine, readMigrationList } from "./schema-engine";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const USAGE = "Usage: npm run db:new-migration -- <name> [--schema <file>] [--migrations-dir <dir>]";
const NAME = /^[a-z0-9_]+$/;
const MAX_NAME_LENGTH = 200; // _prisma_migrations.migration_name is VARCHAR(255), with the timestamp prefix
const TIMESTAMP = /^(\d{14})_/;
const RISKY = [
  /\bDROP (TABLE|COLUMN|TYPE|SCHEMA)\b/i,
  /\bSET DATA TYPE\b/i,
  /\bSET NOT NULL\b/i,
  /\bADD COLUMN\b.*\bNOT NULL\b(?!.*\bDEFAULT\b)/i,
];

/**
 * Lines of the script that can lose data or fail on rows already there: what `prisma migrate dev`
 * warns about, which the engine's diff does not report.
 */
function riskyStatements(script: string): string[] {
  const newTables = new Set([...script.matchAll(/^CREATE TABLE ("(?:[^"]|"")+")/gm)].map((m) => m[1]));
  return script
    .split("\n")
    .filter((line) => {
      const uniqueIndex = /^CREATE UNIQUE INDEX .* ON ("(?:[^"]|"")+")/.exec(line);
      if (uniqueIndex) return !newTables.has(uniqueIndex[1]); // duplicates would make it fail
      return RISKY.some((re) => re.test(line));
    })
    .map((line) => line.trim());
}

class UsageError extends Error {}

function parseCommandLine() {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: {
        schema: { type: "string", default: path.join(ROOT, "prisma/schema.prisma") },
        "migrations-dir": { type: "string", default: path.join(ROOT, "prisma/migrations") },
        help: { type: "boolean", short: "h", default: false },
      },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  if (positionals.length !== 1) throw new UsageError("Give exactly one migration name.");
  const name = positionals[0]!;
  if (!NAME.test(name) || name.length > MAX_NAME_LENGTH) {
    throw new UsageError(
      `Invalid migration name ${JSON.stringify(name)}: use lowercase letters, digits and underscores ` +
        `(at most ${MAX_NAME_LENGTH} characters), e.g. add_projects.`,
    );
  }
  return { name, schemaPath: path.resolve(values.schema), migrationsDir: path.resolve(values["migrations-dir"]) };
}

function withoutPassword(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "(unparsable URL)";
  }
}

/** UTC YYYYMMDDHHMMSS. */
function utcTimestamp(date: Date): string {
  return date.toISOString().replace(/\D/g, "").slice(0, 14);
}

/** One second after a YYYYMMDDHHMMSS timestamp. */
function nextSecond(timestamp: string): string {
  const [y, mo, d, h, mi, s] = [0, 4, 6, 8, 10, 12].map((i, k) => Number(timestamp.slice(i, i + (k ? 2 : 4))));
  return utcTimestamp(new Date(Date.UTC(y!, mo! - 1, d!, h!, mi!, s! + 1)));
}

/** Now, unless an existing migration is as new or newer: the new one must sort after all of them. */
async function migrationTimestamp(migrationsDir: string): Promise<string> {
  const entries = await readdir(migrationsDir, { withFileTypes: true });
  const latest = entries
    .filter((e) => e.isDirectory())
    .map((e) => TIMESTAMP.exec(e.name)?.[1])
    .filter((t): t is string => t !== undefined)
    .sort()
    .at(-1);
  const now = utcTimestamp(new Date());
  return latest !== undefined && latest >= now ? nextSecond(latest) : now;
}

async function main(): Promise<void> {
  const { name, schemaPath, migrationsDir } = parseCommandLine();

  const adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    throw new UsageError(
      "DATABASE_URL is not set: point it at a PostgreSQL server where this user may create databases " +
        "(for the local stack: set -a; . .data/stack.env; set +a). A temporary shadow database is created there.",
    );
  }
  if (!/^postgres(ql)?:$/.test(URL.parse(adminUrl)?.protocol ?? "")) {
    throw new UsageError("DATABASE_URL must be a postgresql:// connection URL.");
  }

  const schema = await readFile(schemaPath, "utf8").catch((error: unknown) => {
    throw new UsageError(`Cannot read the Prisma schema ${schemaPath}: ${(error as Error).message}`);
  });
  if (!(await stat(migrationsDir).catch(() => null))?.isDirectory()) {
    throw new UsageError(`Migrations directory ${migrationsDir} does not exist.`);
  }
  const migrations = await readMigrationList(migrationsDir);
  const unreadable = migrations.migrationDirectories.filter((d) => d.migrationFile.content.tag === "error");
  if (unreadable.length > 0) {
    throw new Error(`No readable migration.sql in: ${unreadable.map((d) => d.path).join(", ")}`);
  }

  // The shadow database: every existing migration is replayed there, then compared with the schema.
  const shadowName = `canopy_shadow_${randomBytes(6).toString("hex")}`;
  let shadowCreated = false;
  const dropShadow = async () => {
    if (shadowCreated) await dropDatabase(adminUrl, shadowName);
    shadowCreated = false;
  };
  const onSignal = (signal: NodeJS.Signals) => {
    dropShadow().finally(() => process.kill(process.pid, signal));
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);

  let script: string | null;
  try {
    shadowCreated = await ensureDatabase(adminUrl, shadowName).catch((error: unknown) => {
      throw new Error(
        `Cannot create a shadow database on the DATABASE_URL server ${withoutPassword(adminUrl)}: ` +
          `${error instanceof Error ? error.message : String(error)}. ` +
          "Is PostgreSQL running there (npm run stack:up), and may this user create databases?",
        { cause: error },
      );
    });
    if (!shadowCreated) throw new Error(`Shadow database ${shadowName} already exists; run again.`);
    const files = [{ path: schemaPath, content: schema }];
    const handle = await openSchemaEngine({
      databaseUrl: adminUrl,
      shadowDatabaseUrl: onDatabase(adminUrl, shadowName),
      schemaFiles: files,
    });
    try {
      const result = await handle.engine.diff({
        from: { tag: "migrations", ...migrations },
        to: { tag: "schemaDatamodel", files },
        script: true,
        exitCode: true, // 0: no difference, 2: a non-empty script
        filters: { externalTables: [], externalEnums: [] },
      });
      if (result.exitCode !== 0 && result.exitCode !== 2) {
        throw new Error(`The schema engine's diff ended with exit code ${result.exitCode}.`);
      }
      if (result.exitCode === 2 && !result.stdout?.trim()) {
        throw new Error("The schema engine reported changes but returned no SQL.");
      }
      script = result.exitCode === 2 ? result.stdout : null;
    } finally {
      await handle.close();
    }
  } finally {
    await dropShadow();
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  }

  if (script === null) {
    console.log("no schema changes");
    return;
  }

  const dirName = `${await migrationTimestamp(migrationsDir)}_${name}`;
  const dir = path.join(migrationsDir, dirName);
  await mkdir(dir); // fails rather than overwrite an existing migration
  const file = path.join(dir, "migration.sql");
  await writeFile(file, script.endsWith("\n") ? script : `${script}\n`, { flag: "wx" });

  const shown = path.relative(process.cwd(), file);
  console.log(`Wrote ${shown.startsWith("..") || path.isAbsolute(shown) ? file : shown}`);
  const risky = riskyStatements(script);
  if (risky.length > 0) {
    console.log("These statements can lose data or fail on existing rows:");
    for (const line of risky) console.log(`  ${line}`);
  }
  console.log("Review the SQL (edit it as needed before it is applied anywhere), then run npm run db:migrate.");
}

main().catch((error: unknown) => {
  if (error instanceof UsageError) {
    console.error(error.message);
    console.error(USAGE);
    process.exit(2);
  }
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
