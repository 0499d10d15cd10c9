// Runs once when the portal's server starts (Next.js calls it in every runtime it serves).
export async function register() {
  // Next.js's own switch between its runtimes, inlined at build time.
  // eslint-disable-next-line no-restricted-properties
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { registerUpgradeHandlers } = await import("@/lib/terminal/register");
  const { registerPortalServerHooks } = await import("@/lib/observability/server-hooks");
  registerUpgradeHandlers();
  registerPortalServerHooks();
}
