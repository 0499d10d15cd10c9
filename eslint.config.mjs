import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

// What app/ and components/ may not import (see docs/architecture.md, "Guard rails").
const backendImports = [
  {
    group: ["@/lib/db", "@/lib/db/*", "**/lib/db", "**/lib/db/*"],
    message: "Reach the database through a domain function in lib/<domain>/.",
  },
  {
    group: ["@/lib/kube", "@/lib/kube/*", "**/lib/kube", "**/lib/kube/*"],
    message: "Reach Kubernetes through a domain function in lib/<domain>/.",
  },
  {
    group: ["@kubernetes/client-node", "@kubernetes/client-node/*"],
    message: "Kubernetes objects stay on the server, behind lib/<domain>/.",
  },
];
const actionImports = {
  group: ["@/app/*"],
  message: "Components take their server actions as props, bound by the page.",
};

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores([
    ".next/**",
    // Parallel runs build into their own dirs (NEXT_DIST_DIR) and write their own results.
    ".next-*/**",
    "test-results-*/**",
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
    // server.mjs reads PORT, HOSTNAME and NEXT_DIST_DIR as Next's own servers do.
    files: ["lib/config/env.ts", "scripts/**", "tests/**", "e2e/**", "*.config.*", "server.mjs"],
    rules: { "no-restricted-properties": "off" },
  },
  {
    // The portal is thin: pages, actions, routes and components reach PostgreSQL and
    // Kubernetes only through a domain function in lib/<domain>/, which the guard has
    // authorized.
    files: ["app/**"],
    rules: { "no-restricted-imports": ["error", { patterns: backendImports }] },
  },
  {
    // Components also take their server actions as props, bound by the page.
    files: ["components/**"],
    rules: { "no-restricted-imports": ["error", { patterns: [...backendImports, actionImports] }] },
  },
]);
