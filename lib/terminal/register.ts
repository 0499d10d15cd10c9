import { TERMINAL_PATH } from "@/lib/terminal/wire";
import { terminalUpgradeHandler, type UpgradeHandler } from "@/lib/terminal/upgrade";

// The hand-over between Next.js's compiled server code and the portal's own HTTP server
// (server.mjs, plain JavaScript that cannot import TypeScript): instrumentation.ts runs
// this once at start-up, inside Next's build, and server.mjs looks the handler for an
// upgrade's path up under the same global symbol (docs/decisions/008-web-terminal.md).

export const UPGRADE_HANDLERS = Symbol.for("canopy.upgradeHandlers");

export function registerUpgradeHandlers(): void {
  const handlers: Record<string, UpgradeHandler> = { [TERMINAL_PATH]: terminalUpgradeHandler() };
  (globalThis as Record<symbol, unknown>)[UPGRADE_HANDLERS] = handlers;
}
