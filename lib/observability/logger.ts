// The one logger: JSON lines (pino) on stdout, one object per event. Secrets never reach a
// log line: the paths below are redacted wherever they appear, and callers log ids and
// names, never tokens, kubeconfigs or cookies. Inside a request, every line carries the
// request's id (the portal's server returns the same id in the x-request-id header).
import pino, { type DestinationStream, type Logger } from "pino";
import { currentRequestId } from "@/lib/observability/request-context";

const REDACTED_PATHS = [
  "token",
  "*.token",
  "password",
  "*.password",
  "secret",
  "*.secret",
  "kubeconfig",
  "*.kubeconfig",
  "authorization",
  "*.authorization",
  "cookie",
  "*.cookie",
  'headers["authorization"]',
  'headers["cookie"]',
  'headers["set-cookie"]',
  'err.headers["authorization"]',
];

/** A logger with the project's settings; `destination` is for tests (stdout otherwise). */
export function createLogger(destination?: DestinationStream): Logger {
  // Read here, not through lib/config/env.ts: a log line must be possible before (and when)
  // the configuration fails to validate.
  return pino(
    {
      // eslint-disable-next-line no-restricted-properties
      level: process.env.LOG_LEVEL ?? "info",
      // eslint-disable-next-line no-restricted-properties
      base: { service: process.env.CANOPY_SERVICE ?? "portal" },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: REDACTED_PATHS, censor: "[redacted]" },
      mixin() {
        const requestId = currentRequestId();
        return requestId ? { requestId } : {};
      },
    },
    destination,
  );
}

export const logger = createLogger();

/** A child logger whose every line names its component (e.g. "worker", "reconciler"). */
export function componentLogger(component: string, bindings: Record<string, unknown> = {}) {
  return logger.child({ component, ...bindings });
}
