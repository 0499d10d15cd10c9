import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";
import { loadStackEnv } from "./tests/support/stack-env.ts";

// Unit and integration tests. Integration tests run against the real local stack
// (npm run stack:up); its settings come from .data/stack.env, with the test database.
loadStackEnv();

export default defineConfig({
  resolve: { alias: { "@": fileURLToPath(new URL(".", import.meta.url)) } },
  test: {
    include: ["tests/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Integration suites share one cluster and one database server; files run one at a
    // time so that 2 cores are not oversubscribed.
    fileParallelism: false,
  },
});
