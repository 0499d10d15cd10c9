// The one logger: JSON lines (pino) on stdout, one object per event. Secrets never reach a
// log line: the paths below are redacted wherever they appear, and callers log ids and
// names, never tokens, kubeconfigs or cookies.
import pino from "pino";

export const logger = pino({
  level: process.env.LOG_LEVEL ?? "info",
  base: { service: process.env.CANOPY_SERVICE ?? "portal" },
  timestamp: pino.stdTimeFunctions.isoTime,
  redact: {
    paths: [
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
    ],
    censor: "[redacted]",
  },
});

/** A child logger whose every line names its component (e.g. "worker", "reconciler"). */
export function componentLogger(component: string, bindings: Record<string, unknown> = {}) {
  return logger.child({ component, ...bindings });
}
