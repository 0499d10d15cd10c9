import { Gauge, Histogram } from "prom-client";
import { defineMetric } from "@/lib/observability/metrics";

// The portal's HTTP metrics. Labels are few and bounded: a route pattern (never a path
// with ids), the method and the status class; never a user, workspace or name.

const METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

export const httpRequestDuration = defineMetric(
  "canopy_portal_http_request_duration_seconds",
  (registers) =>
    new Histogram({
      name: "canopy_portal_http_request_duration_seconds",
      help: "Time from a request's arrival to the end of its response, by route pattern, method and status class.",
      labelNames: ["route", "method", "status_class"] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    }),
);

export const terminalSessionsOpen = defineMetric(
  "canopy_portal_terminal_sessions_open",
  (registers) =>
    new Gauge({
      name: "canopy_portal_terminal_sessions_open",
      help: "Web terminal WebSockets open on this portal process.",
      registers,
    }),
);

export interface ObservedRequest {
  method: string;
  route: string;
  status: number;
  seconds: number;
}

export function observeRequest({ method, route, status, seconds }: ObservedRequest): void {
  const upper = method.toUpperCase();
  httpRequestDuration.observe(
    { route, method: METHODS.has(upper) ? upper : "OTHER", status_class: `${Math.floor(status / 100)}xx` },
    seconds,
  );
}
