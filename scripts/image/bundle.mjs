// Bundles the image's two TypeScript programs into plain JavaScript, so the image needs no
// tsx, TypeScript or npm: the worker (lib/worker/main.ts) and the migration runner
// (scripts/db/migrate.ts). Dependencies are bundled in; Node's own modules stay external.
//
//   node scripts/image/bundle.mjs <outdir>     writes <outdir>/worker.mjs and <outdir>/migrate.mjs
import { build } from "esbuild";
import { fileURLToPath } from "node:url";

const outdir = process.argv[2];
if (!outdir) {
  console.error("usage: node scripts/image/bundle.mjs <outdir>");
  process.exit(2);
}

await build({
  absWorkingDir: fileURLToPath(new URL("../..", import.meta.url)),
  entryPoints: { worker: "lib/worker/main.ts", migrate: "scripts/db/migrate.ts" },
  outdir,
  outExtension: { ".js": ".mjs" },
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  // Bundled CommonJS packages call require(); an ES module has none of its own.
  banner: { js: 'import { createRequire } from "node:module"; const require = createRequire(import.meta.url);' },
  legalComments: "none",
  logLevel: "warning",
});
