import { readdir, readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
// A dependency of @prisma/adapter-pg (same release), used here only to wrap the adapter factory.
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import type { MigrationList, SchemaContainer, SchemaEngine } from "@prisma/schema-engine-wasm/schema_engine_bg";

// Prisma's schema engine, compiled to WebAssembly and shipped in node_modules
// (@prisma/schema-engine-wasm), talking to PostgreSQL through the @prisma/adapter-pg driver
// adapter. It works offline, unlike the native engine the Prisma CLI wants to download.
//
// The loader in @prisma/internals (wasmSchemaEngineLoader) looks for the .wasm file in its own
// build folder, where it does not exist, so the module is instantiated here by hand exactly the
// way that loader would.

export type {
  DiffTarget,
  MigrationList,
  SchemaContainer,
  SchemaEngine,
} from "@prisma/schema-engine-wasm/schema_engine_bg";

type SchemaEngineClass = typeof SchemaEngine;

let engineClass: Promise<SchemaEngineClass> | undefined;

/** The wasm SchemaEngine class, instantiated once per process (the bindings keep module-level state). */
export function loadSchemaEngineClass(): Promise<SchemaEngineClass> {
  engineClass ??= (async () => {
    const require = createRequire(import.meta.url);
    const runtimePath = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
    const wasmPath = path.join(path.dirname(runtimePath), "schema_engine_bg.wasm");
    const runtime = await import("@prisma/schema-engine-wasm/schema_engine_bg");
    const wasmModule = new WebAssembly.Module(await readFile(wasmPath));
    const instance = new WebAssembly.Instance(wasmModule, {
      "./schema_engine_bg.js": runtime as unknown as WebAssembly.ModuleImports,
    });
    const exports = instance.exports as WebAssembly.Exports & { __wbindgen_start: () => void };
    runtime.__wbg_set_wasm(exports);
    exports.__wbindgen_start();
    return runtime.SchemaEngine;
  })();
  return engineClass;
}

export interface OpenSchemaEngineOptions {
  /** The database the engine connects to for commands that need one. */
  databaseUrl: string;
  /**
   * An existing, empty database the engine may use as its shadow database (needed to diff from
   * a migrations directory). Without it, commands that need a shadow database fail.
   * The caller owns it: create it before and drop it after.
   */
  shadowDatabaseUrl?: string;
  /** Prisma schema files the engine starts with (path and content). */
  schemaFiles?: SchemaContainer[];
  /** Receives the engine's own log lines (JSON). */
  log?: (line: string) => void;
}

export interface SchemaEngineHandle {
  engine: SchemaEngine;
  /** Frees the engine and closes every connection pool it opened. */
  close(): Promise<void>;
}

// Two gaps in @prisma/adapter-pg, as used by the schema engine, are bridged here:
//
// 1. The engine's catalog queries return columns of PostgreSQL's internal one-byte type "char"
//    (OID 18: pg_constraint.contype, confdeltype, ...), which the adapter refuses ("Column type
//    'char' could not be deserialized"). pg already hands those values over as one-character
//    strings; the client below labels such result columns as text (OID 25), which the adapter
//    accepts.
// 2. The adapter's executeScript (how the engine runs each migration on the shadow database)
//    splits the script on every ";", breaking string literals, comments and $$ function bodies
//    that contain one. It is replaced by a single simple-protocol query, exactly how
//    lib/db/migrate.ts sends a migration.

const PG_CHAR_OID = 18;
const PG_TEXT_OID = 25;

function relabelCharColumns(result: unknown): void {
  for (const r of Array.isArray(result) ? result : [result]) {
    const fields = (r as { fields?: { dataTypeID: number }[] } | null)?.fields;
    if (!Array.isArray(fields)) continue;
    for (const f of fields) if (f.dataTypeID === PG_CHAR_OID) f.dataTypeID = PG_TEXT_OID;
  }
}

class CharAsTextClient extends pg.Client {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- pg.Client#query has many overloads
  override query(...args: any[]): any {
    const query = (pg.Client.prototype.query as (...a: unknown[]) => unknown).bind(this);
    if (typeof (args[0] as { submit?: unknown } | null)?.submit === "function") return query(...args);
    const last = args.length - 1;
    const callback: unknown = args[last];
    if (typeof callback === "function") {
      args[last] = (error: unknown, result: unknown) => {
        if (!error) relabelCharColumns(result);
        return (callback as (e: unknown, r: unknown) => unknown)(error, result);
      };
      return query(...args);
    }
    const pending = query(...args);
    return pending instanceof Promise
      ? pending.then((result: unknown) => {
          relabelCharColumns(result);
          return result;
        })
      : pending;
  }
}

interface Adapter {
  executeRaw(query: { sql: string; args: unknown[]; argTypes: unknown[] }): Promise<number>;
  executeScript(script: string): Promise<void>;
  dispose(): Promise<void>;
}

export async function openSchemaEngine(options: OpenSchemaEngineOptions): Promise<SchemaEngineHandle> {
  const { databaseUrl, shadowDatabaseUrl, schemaFiles = [], log = () => {} } = options;
  const SchemaEngineClass = await loadSchemaEngineClass();

  const opened = new Set<Adapter>();
  const connect = async (connectionString: string) => {
    // A config object (not a pg.Pool), so the adapter still owns the pool and ends it on dispose.
    const adapter: Adapter = await new PrismaPg({ connectionString, Client: CharAsTextClient }).connect();
    // Without parameters, pg sends the whole text as one simple query (multiple statements allowed).
    adapter.executeScript = async (script) => {
      await adapter.executeRaw({ sql: script, args: [], argTypes: [] });
    };
    const dispose = adapter.dispose.bind(adapter);
    adapter.dispose = async () => {
      if (opened.delete(adapter)) await dispose();
    };
    opened.add(adapter);
    return adapter;
  };

  // PrismaPg's own connectToShadowDb would CREATE and DROP a randomly named database through the
  // main connection; here the caller supplies the shadow database, so its lifetime is explicit.
  const main = new PrismaPg(databaseUrl);
  const factory = bindMigrationAwareSqlAdapterFactory({
    provider: main.provider,
    adapterName: main.adapterName,
    connect: () => connect(databaseUrl),
    connectToShadowDb: async () => {
      if (!shadowDatabaseUrl) {
        throw new Error("This schema engine command needs a shadow database: pass shadowDatabaseUrl.");
      }
      return connect(shadowDatabaseUrl);
    },
  } as Parameters<typeof bindMigrationAwareSqlAdapterFactory>[0]);

  const engine = await SchemaEngineClass.new(
    { datamodels: schemaFiles.map((f): [string, string] => [f.path, f.content]) },
    log,
    factory,
  );
  return {
    engine,
    async close() {
      try {
        engine.free();
      } finally {
        await Promise.allSettled([...opened].map((a) => a.dispose()));
      }
    },
  };
}

/** A migrations directory in the shape the engine expects (the same reader the Prisma CLI uses). */
export async function readMigrationList(migrationsDir: string, shadowDbInitScript = ""): Promise<MigrationList> {
  const baseDir = path.resolve(migrationsDir);
  const lockfilePath = "migration_lock.toml";
  const lockfileContent = await readFile(path.join(baseDir, lockfilePath), "utf8").catch(() => null);
  const entries = await readdir(baseDir, { withFileTypes: true });
  const names = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)); // same order as lib/db/migrate.ts
  const migrationDirectories = await Promise.all(
    names.map(async (name) => {
      const content = await readFile(path.join(baseDir, name, "migration.sql"), "utf8").then(
        (value) => ({ tag: "ok" as const, value }),
        (error: unknown) => ({ tag: "error" as const, value: error instanceof Error ? error.message : String(error) }),
      );
      return { path: name, migrationFile: { path: "migration.sql", content } };
    }),
  );
  return {
    baseDir,
    lockfile: { path: lockfilePath, content: lockfileContent },
    shadowDbInitScript,
    migrationDirectories,
  };
}
