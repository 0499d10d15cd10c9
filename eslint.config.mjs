import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores([
    ".next/**",
    // Other build dirs (NEXT_DIST_DIR), e.g. the benchmarks' .next-bench.
    ".next-*/**",
    ".data/**",
    "lib/db/generated/**",
    "next-env.d.ts",
    "playwright-report/**",
    "test-results/**",
  ]),
  {
    rules: {
      // Configuration is read once, in lib/config/env.ts.
      "no-restricted-properties": [
        "error",
        { object: "process", property: "env", message: "Read configuration through lib/config/env.ts." },
      ],
    },
  },
  {
    files: ["lib/config/env.ts", "scripts/**", "tests/**", "e2e/**", "*.config.*"],
    rules: { "no-restricted-properties": "off" },
  },
]);
