/** @type {import('next').NextConfig} */
const nextConfig = {
  // Parallel builds (e.g. several browser-test runs on one machine) need separate dirs.
  distDir: process.env.NEXT_DIST_DIR || ".next",
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
