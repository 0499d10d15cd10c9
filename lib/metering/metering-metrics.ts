import { Counter, Gauge } from "prom-client";
import { metricsRegistry } from "@/lib/observability/metrics";

// The meter's health as Prometheus sees it: how far behind the clock its last written minute
// is, and how many ledger rows it wrote.

export const meteringLag = new Gauge({
  name: "canopy_metering_lag_seconds",
  help: "Seconds between now and the end of the last minute the meter has written (0-65 s when keeping up)",
  registers: [metricsRegistry],
});

export const meteringRowsWritten = new Counter({
  name: "canopy_metering_rows_written_total",
  help: "Usage quantities (object, resource, minute) the meter inserted into the ledger; those already there are not counted",
  registers: [metricsRegistry],
});

export const informerRelists = new Counter({
  name: "canopy_informer_relists_total",
  help: "Full lists an informer made after its first one (410 Gone, or a restart), by informer",
  labelNames: ["informer"] as const,
  registers: [metricsRegistry],
});
