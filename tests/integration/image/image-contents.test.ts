import { spawnSync } from "node:child_process";
import { readdirSync, rmSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { buildImage, listLayer, readImage } from "../../support/image";

// The image canopy/canopy (scripts/image/build.sh) keeps its contract (docs/image.md) and
// carries what runs Canopy and nothing that builds it: no npm, no TypeScript, no tsx, no
// bundler or compiler, no shell. Read from the registry it was pushed to, layer by layer.

/** Package managers, TypeScript and its runners, bundlers, compilers and shells. */
const BUILD_TOOL =
  /\/node_modules\/(typescript|tsx|npm|corepack|yarn|pnpm|esbuild|@esbuild|webpack|vitest|@swc\/core|prisma)\/|\/(npm|npx|tsc|tsx|esbuild|gcc|g\+\+|cc|clang|make|ld|as|sh|bash|dash|busybox|apt|dpkg)$/;

let reference: string;
let paths: Map<string, number>;
let image: Awaited<ReturnType<typeof readImage>>;

beforeAll(async () => {
  reference = buildImage();
  expect(reference).toMatch(/^[\w.:-]+\/canopy\/canopy:[0-9a-f]+$/);
  image = await readImage(reference);
  paths = new Map();
  for (const layer of image.manifest.layers) {
    for (const entry of await listLayer(reference, layer.digest)) paths.set(entry.path, entry.size);
  }
}, 900_000);

describe("the Canopy image", () => {
  it("runs as 65532 in /app, the portal by default", () => {
    expect(image.config.config.User).toBe("65532:65532");
    expect(image.config.config.WorkingDir).toBe("/app");
    expect(image.config.config.Cmd).toEqual(["node", "server.mjs", "--port", "3000"]);
    expect(image.config.config.Env).toContain("NODE_ENV=production");
  });

  it("holds node, the portal's server and build, the bundles and every migration", () => {
    for (const path of ["/usr/bin/node", "/etc/passwd", "/etc/ssl/certs/ca-certificates.crt", "/app/server.mjs"]) {
      expect(paths.has(path), path).toBe(true);
    }
    for (const path of ["/app/dist/worker.mjs", "/app/dist/migrate.mjs", "/app/public/favicon.svg"]) {
      expect(paths.has(path), path).toBe(true);
    }
    // server.mjs imports next; the terminal's upgrade handler (compiled by Next) requires ws.
    for (const pkg of ["next", "ws", "pg", "@kubernetes/client-node"]) {
      expect(paths.has(`/app/node_modules/${pkg}/package.json`), pkg).toBe(true);
    }
    const migrations = readdirSync("prisma/migrations").filter((name) => /^\d+_/.test(name));
    expect(migrations.length).toBeGreaterThan(0);
    for (const name of migrations) expect(paths.has(`/app/prisma/migrations/${name}/migration.sql`), name).toBe(true);
    expect([...paths.keys()].some((path) => /^\/app\/\.next[^/]*\/static\/chunks\/.+\.js$/.test(path))).toBe(true);
  });

  it("has no package manager, TypeScript, tsx, bundler, compiler or shell", () => {
    const found = [...paths.keys()].filter((path) => BUILD_TOOL.test(path));
    expect(found).toEqual([]);
  });

  it("recognises those tools where they are (positive control for the check above)", () => {
    const builders = ["/usr/bin/npm", "/app/node_modules/typescript/lib/tsc.js", "/app/node_modules/tsx/dist/cli.mjs"];
    expect(builders.filter((path) => BUILD_TOOL.test(path))).toEqual(builders);
    expect(["/usr/bin/node", "/lib64/ld-linux-x86-64.so.2"].filter((path) => BUILD_TOOL.test(path))).toEqual([]);
  });

  it("weighs a few hundred MB at most", () => {
    const compressed = image.manifest.layers.reduce((sum, layer) => sum + layer.size, 0);
    const uncompressed = [...paths.values()].reduce((sum, size) => sum + size, 0);
    console.log(
      `${reference}: ${(compressed / 1e6).toFixed(0)} MB compressed, ${(uncompressed / 1e6).toFixed(0)} MB uncompressed`,
    );
    expect(uncompressed).toBeLessThan(400e6);
    expect(compressed).toBeLessThan(uncompressed);
  });

  it("is written as an OCI archive when no registry answers", () => {
    const archive = buildImage("127.0.0.1:1");
    try {
      expect(archive).toMatch(/\/canopy-[0-9a-f]+\.oci\.tar$/);
      const inspect = spawnSync("skopeo", ["inspect", "--config", `oci-archive:${archive}`], { encoding: "utf8" });
      expect(inspect.stderr).toBe("");
      expect(JSON.parse(inspect.stdout).config).toMatchObject({ User: "65532:65532", WorkingDir: "/app" });
    } finally {
      rmSync(archive, { force: true });
    }
  });
});
