// Whether this portal process is shutting down. The portal's server (server.mjs) flips it
// on SIGTERM/SIGINT through the hooks of lib/observability/portal-hooks.ts; readiness
// (/api/readyz) reads it. Kept on globalThis because Next.js may load this module once
// per bundle.

const KEY = Symbol.for("canopy.lifecycle");
const slot = globalThis as Record<symbol, unknown>;
const state = (slot[KEY] ??= { shuttingDown: false }) as { shuttingDown: boolean };

export function beginShutdown(): void {
  state.shuttingDown = true;
}

export function isShuttingDown(): boolean {
  return state.shuttingDown;
}
