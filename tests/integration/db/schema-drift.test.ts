import { randomBytes } from "node:crypto";
import { mkdtemp, mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseUrl, dropDatabase, ensureDatabase } from "../../../lib/db/ensure-database";
import { migrate } from "../../../lib/db/migrate";
import { actualSchema } from "../../support/schema-compare/actual";
import { diffSchemas } from "../../support/schema-compare/diff";
import { expectedSchema, loadDatamodel } from "../../support/schema-compare/expected";
import type { SchemaShape } from "../../support/schema-compare/shape";

// The committed SQL migrations, applied to an empty database, must produce exactly what
// prisma/schema.prisma describes; and the migration runner must be safe to run repeatedly
// and concurrently.

const ADMIN_URL = process.env.DATABASE_URL;
if (!ADMIN_URL) {
  throw new Error(
    "DATABASE_URL is not set: these integration tests need PostgreSQL (npm run stack:up, or export DATABASE_URL).",
  );
}

const root = fileURLToPath(new URL("../../..", import.meta.url));
const schemaPath = path.join(root, "prisma/schema.prisma");
const migrationsDir = path.join(root, "prisma/migrations");

const created: string[] = [];
async function freshDatabase(): Promise<string> {
  const name = `canopy_test_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
  await ensureDatabase(ADMIN_URL!, name);
  created.push(name);
  return databaseUrl(ADMIN_URL!, name);
}

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

const migrationNames = async () =>
  (await readdir(migrationsDir, { withFileTypes: true }))
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();

let migratedUrl: string;
let live: SchemaShape;

beforeAll(async () => {
  migratedUrl = await freshDatabase();
  const { applied } = await migrate(migratedUrl);
  expect(applied).toEqual(await migrationNames());
  live = await withClient(migratedUrl, (client) => actualSchema(client));
});

afterAll(async () => {
  for (const name of created) await dropDatabase(ADMIN_URL, name);
});

describe("schema.prisma and prisma/migrations", () => {
  it("describe the same database", async () => {
    const expected = expectedSchema(await loadDatamodel(await readFile(schemaPath, "utf8")));
    const differences = diffSchemas(expected, live);
    expect(differences, `migrated database differs from schema.prisma:\n  ${differences.join("\n  ")}`).toEqual([]);
  });

  it("the comparison reports drift when the schema differs from the database", async () => {
    const original = await readFile(schemaPath, "utf8");
    const modified = original
      .replace(/^\s*image\s+String\?\s*$/m, "") // column removed
      .replace(/^(\s*name\s+)String\?/m, "$1String") // nullable -> NOT NULL
      .replace('@@index([userId])\n  @@map("sessions")', '@@map("sessions")'); // index removed
    expect(modified).not.toBe(original);

    const differences = diffSchemas(expectedSchema(await loadDatamodel(modified)), live);
    expect(differences).toEqual(
      expect.arrayContaining([
        "table users, column image: in database but not in schema.prisma",
        "table users, column name: nullable, expected NOT NULL",
        "table sessions: index (user_id): in database but not in schema.prisma",
      ]),
    );
  });
});

describe("migrate()", () => {
  it("applies nothing when the database is up to date", async () => {
    const logged: string[] = [];
    expect(await migrate(migratedUrl, { log: (m) => logged.push(m) })).toEqual({ applied: [] });
    expect(logged).toEqual([]);
  });

  it("records migrations the way Prisma does", async () => {
    const rows = await withClient(
      migratedUrl,
      async (c) => (await c.query(`SELECT * FROM "_prisma_migrations" ORDER BY started_at`)).rows,
    );
    const names = await migrationNames();
    expect(rows.map((r) => r.migration_name)).toEqual(names);
    for (const row of rows) {
      expect(row).toMatchObject({ applied_steps_count: 1, rolled_back_at: null, logs: null });
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(row.checksum).toMatch(/^[0-9a-f]{64}$/);
    }
  });

  it("refuses to run when an applied migration was changed", async () => {
    const url = await freshDatabase();
    await migrate(url);
    const [first] = await migrationNames();
    await withClient(url, (c) =>
      c.query(`UPDATE "_prisma_migrations" SET checksum = repeat('0', 64) WHERE migration_name = $1`, [first]),
    );
    await expect(migrate(url)).rejects.toThrow(`Migration ${first} was modified after it was applied`);
  });

  it("refuses to run after a failed migration", async () => {
    const url = await freshDatabase();
    await migrate(url);
    await withClient(url, (c) =>
      c.query(
        `INSERT INTO "_prisma_migrations" (id, checksum, migration_name) VALUES ('x', repeat('0', 64), 'broken')`,
      ),
    );
    await expect(migrate(url)).rejects.toThrow("Migration(s) broken failed earlier");
  });

  it("applies each migration atomically with its bookkeeping row", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "canopy-migrations-"));
    try {
      const write = async (name: string, sql: string) => {
        await mkdir(path.join(dir, name));
        await writeFile(path.join(dir, name, "migration.sql"), sql);
      };
      await write("1_ok", `CREATE TABLE "ok" ("id" INTEGER);`);
      await write("2_broken", `CREATE TABLE "half" ("id" INTEGER);\nSELECT * FROM "no_such_table";`);
      const url = await freshDatabase();

      await expect(migrate(url, { migrationsDir: dir })).rejects.toThrow(
        "Migration 2_broken failed and was rolled back",
      );
      const state = await withClient(url, async (c) => ({
        recorded: (await c.query(`SELECT migration_name FROM "_prisma_migrations"`)).rows.map((r) => r.migration_name),
        tables: (await c.query(`SELECT to_regclass('ok') AS ok, to_regclass('half') AS half`)).rows[0],
      }));
      expect(state).toEqual({ recorded: ["1_ok"], tables: { ok: "ok", half: null } });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("serializes concurrent runs so each migration is applied once", async () => {
    const url = await freshDatabase();
    const results = await Promise.all([migrate(url), migrate(url)]);
    expect(results.flatMap((r) => r.applied).sort()).toEqual(await migrationNames());
    const counts = await withClient(
      url,
      async (c) =>
        (await c.query(`SELECT migration_name, count(*)::int AS n FROM "_prisma_migrations" GROUP BY 1`)).rows,
    );
    expect(counts.every((r) => r.n === 1)).toBe(true);
  });
});
