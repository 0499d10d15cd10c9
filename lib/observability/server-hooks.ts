import type { Server } from "node:http";
import type { Logger } from "pino";
import { beginShutdown } from "@/lib/health/lifecycle";
import { observeRequest, type ObservedRequest } from "@/lib/observability/http-metrics";
import { logger } from "@/lib/observability/logger";
import { serveMetrics } from "@/lib/observability/metrics-server";
import { loadRoutePatterns, type RoutePatternOf } from "@/lib/observability/route-pattern";
import { closeTerminalSessions } from "@/lib/terminal/upgrade";

// What the portal's own server (server.mjs, plain JavaScript that cannot import
// TypeScript) uses of lib/: instrumentation.ts registers these once at start-up under a
// global symbol, as it does the WebSocket upgrade handlers (docs/architecture.md, "Operability: the portal process").

export interface PortalServerHooks {
  logger: Logger;
  routePatterns(distDir: string): RoutePatternOf;
  observeRequest(request: ObservedRequest): void;
  serveMetrics(port: number, hostname?: string): Promise<Server>;
  /** Readiness turns false at once. */
  beginShutdown(): void;
  /** Closes every terminal WebSocket with `reason`; returns how many were open. */
  closeTerminals(reason: string): number;
}

export const PORTAL_SERVER_HOOKS = Symbol.for("canopy.portalServerHooks");

export function registerPortalServerHooks(): void {
  const hooks: PortalServerHooks = {
    logger: logger.child({ component: "server" }),
    routePatterns: loadRoutePatterns,
    observeRequest,
    serveMetrics,
    beginShutdown,
    closeTerminals: closeTerminalSessions,
  };
  (globalThis as Record<symbol, unknown>)[PORTAL_SERVER_HOOKS] = hooks;
}
