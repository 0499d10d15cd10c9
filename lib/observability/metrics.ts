// The one metrics registry of a process (portal or worker), served in Prometheus text
// format at /metrics. Metric definitions live beside the code they measure and register
// here; the process's default metrics (CPU, memory, event loop lag) come with it.
import { collectDefaultMetrics, Registry } from "prom-client";

// One registry per process even when Next.js loads this module in several bundles.
const globalForMetrics = globalThis as typeof globalThis & { canopyMetrics?: Registry };

export const metricsRegistry: Registry =
  globalForMetrics.canopyMetrics ??
  (() => {
    const registry = new Registry();
    collectDefaultMetrics({ register: registry });
    globalForMetrics.canopyMetrics = registry;
    return registry;
  })();

/**
 * The metric `name` of this process's registry, made by `create` the first time. Next.js
 * may evaluate a module once per bundle, and prom-client refuses a second metric of the
 * same name, so every metric is defined through here.
 */
export function defineMetric<M>(name: string, create: (registers: Registry[]) => M): M {
  return (metricsRegistry.getSingleMetric(name) as M | undefined) ?? create([metricsRegistry]);
}
