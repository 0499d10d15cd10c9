import { Gauge } from "prom-client";
import { metricsRegistry } from "@/lib/observability/metrics";

export const ratingLag = new Gauge({
  name: "canopy_rating_lag_seconds",
  help: "Seconds between now and the end of the last hour the rater turned into line items (below 3600 + 60 when keeping up)",
  registers: [metricsRegistry],
});
