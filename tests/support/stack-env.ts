import { existsSync, readFileSync } from "node:fs";
import { parseEnv } from "node:util";

/**
 * Loads .data/stack.env (written by npm run stack:up) into process.env without
 * overriding what is already set, and points DATABASE_URL at the test database.
 */
export function loadStackEnv(file = new URL("../../.data/stack.env", import.meta.url)): void {
  if (!existsSync(file)) return;
  const values = parseEnv(readFileSync(file, "utf8")) as Record<string, string>;
  for (const [key, value] of Object.entries(values)) {
    if (process.env[key] === undefined) process.env[key] = value;
  }
  if (process.env.TEST_DATABASE_URL) {
    process.env.DATABASE_URL = process.env.TEST_DATABASE_URL;
    // The tests' workspaces are their own installation on the shared local cluster.
    process.env.CANOPY_INSTANCE ??= "test";
    // Tests write usage at fixed past dates into one shared database, and workers started by
    // tests run the prune loop on the real clock: with the default retention it would drop
    // those days' partitions under other tests (the retention test passes its own).
    process.env.CANOPY_LEDGER_RETENTION_DAYS ??= "3650";
  }
}
