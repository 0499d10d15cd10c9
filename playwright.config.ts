import { defineConfig } from "@playwright/test";
import { loadStackEnv } from "./tests/support/stack-env.ts";

// Browser tests drive Debian's Chromium (no browser download is possible here) against a
// production build of the portal on its own port, wired to the real local stack.
loadStackEnv();
const baseURL = process.env.CANOPY_TEST_PORTAL_URL ?? "http://localhost:3100";

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  reporter: [["list"]],
  outputDir: process.env.PLAYWRIGHT_OUTPUT_DIR ?? "test-results",
  timeout: 60_000,
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
  webServer: {
    // The portal's own server (server.mjs): Next's handler plus the terminal's WebSocket.
    command: `node server.mjs --port ${new URL(baseURL).port}`,
    // Each parallel run uses its own build dir (NEXT_DIST_DIR) and port (CANOPY_TEST_PORTAL_URL).
    url: `${baseURL}/api/health`,
    reuseExistingServer: !process.env.CI,
    timeout: 120_000,
    // The development users persist in the test database across runs; each run creates
    // team workspaces and kubeconfigs, signs in and invites quickly, so the per-user limit
    // and the rate limits are lifted for the browser tests (their own tests, in
    // tests/integration/rate-limits and tests/integration/auth, run with the real limits).
    env: {
      NEXTAUTH_URL: baseURL,
      // Parallel runs on one machine must not fight over the metrics port (9464): any free one.
      CANOPY_METRICS_PORT: process.env.CANOPY_METRICS_PORT ?? "0",
      // The portal alone may run under another identity, e.g. the chart's least-privilege
      // ClusterRole (scripts/chart/portal-identity.sh); the tests keep the admin kubeconfig.
      ...(process.env.CANOPY_PORTAL_KUBECONFIG ? { KUBECONFIG: process.env.CANOPY_PORTAL_KUBECONFIG } : {}),
      CANOPY_MAX_TEAM_WORKSPACES_PER_USER: "10000",
      CANOPY_RATE_LIMIT_SIGN_IN_PER_ADDRESS: "100000/1m",
      CANOPY_RATE_LIMIT_SIGN_IN_PER_ACCOUNT: "100000/1m",
      CANOPY_RATE_LIMIT_WORKSPACE_CREATE_PER_USER: "100000/1m",
      CANOPY_RATE_LIMIT_KUBECONFIG_PER_USER: "100000/1m",
      CANOPY_RATE_LIMIT_KUBECONFIG_PER_WORKSPACE: "100000/1m",
      CANOPY_RATE_LIMIT_INVITATIONS_PER_USER: "100000/1m",
      CANOPY_RATE_LIMIT_INVITATIONS_PER_WORKSPACE: "100000/1m",
      // The operator console's browser tests sign in as this bootstrap administrator
      // (e2e/admin/fixtures.ts); no development sign-in user is an administrator.
      CANOPY_PLATFORM_ADMIN_EMAILS: "operator.e2e@canopy.test",
    },
    stdout: "pipe",
  },
});
