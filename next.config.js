/** @type {import('next').NextConfig} */
const nextConfig = {
  // Parallel builds (e.g. several browser-test runs on one machine) need separate dirs.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // The image (scripts/image/) is made from the standalone output: the server's traced
  // node_modules only. server.mjs is copied beside it; its one import, next, is traced.
  output: "standalone",
  // No image optimizer (the portal has no next/image): /_next/image would write its cache
  // under the build output, and sharp's native libraries would weigh ~20 MB in the image.
  images: { unoptimized: true },
  outputFileTracingExcludes: { "*": ["node_modules/sharp/**", "node_modules/@img/**"] },
  // The image's root filesystem is read-only: nothing may be written under the build
  // output at run time. Regenerated pages stay in memory (each replica keeps its own).
  experimental: { isrFlushToDisk: false },
  reactStrictMode: true,
  poweredByHeader: false,
  // The Kubernetes client, the database driver and the WebSocket server are server-only Node
  // packages; prom-client too, so that every bundle's metrics share one copy and one registry.
  serverExternalPackages: ["@kubernetes/client-node", "pg", "@prisma/adapter-pg", "ws", "prom-client"],
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Frame-Options", value: "DENY" },
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
        ],
      },
    ];
  },
};

export default nextConfig;
