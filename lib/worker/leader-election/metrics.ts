import { Counter, Gauge } from "prom-client";
import { metricsRegistry } from "@/lib/observability/metrics";

// Whether this replica holds the worker's Lease, and how often leadership changed hands.

export const leaderGauge = new Gauge({
  name: "canopy_worker_lease_active",
  help: "1 while this worker replica holds the worker Lease (leads), 0 while it stands by",
  registers: [metricsRegistry],
});

export const leadershipTransitions = new Counter({
  name: "canopy_worker_leadership_transitions_total",
  help: "Leadership changes of this replica: acquired, lost (renewal failed or taken over), released (on shutdown)",
  labelNames: ["event"] as const,
  registers: [metricsRegistry],
});
