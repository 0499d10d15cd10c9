import type { WorkspaceContext } from "@/lib/authz/context";
import { formatMoney, type Micros } from "@/lib/billing/money";
import { HOURS_PER_MONTH } from "@/lib/billing/prices";
import type { FieldErrors } from "@/lib/errors/app-error";
import type { EndpointCheck } from "@/lib/runtimes/endpoint-checks";
import { endpointPreflight } from "@/lib/runtimes/endpoint-preflight";
import { specOf } from "@/lib/runtimes/change-runtime";
import { getRuntime } from "@/lib/runtimes/list-runtimes";
import { preflightRuntime } from "@/lib/runtimes/preflight-runtime";
import type { CreateRuntime } from "@/lib/runtimes/runtime-input";
import { footprintOf, formatCpu, formatMemory, type RuntimeFootprint } from "@/lib/runtimes/workspace-quota";

// The preflight as the form shows it: money and quantities already in words (no bigint
// crosses to the browser), quota as "used now → after this change, of the limit".

export interface CostLine {
  label: string;
  hourly: string;
  monthly: string;
}

export interface QuotaLine {
  label: string;
  used: string;
  after: string;
  limit: string;
  /** Shares of the limit (0..1, capped) for the bars. */
  usedShare: number;
  afterShare: number;
  over: boolean;
}

export interface PreflightSummary {
  ok: boolean;
  fieldErrors: FieldErrors;
  problems: string[];
  /** Likely trouble the cluster would not refuse (a shared ReadWriteOnce volume, an image needing root). */
  warnings: string[];
  host: string | null;
  /** The public endpoint's address and certificate, as they will be (empty without one). */
  endpoint: EndpointCheck[];
  cost: { lines: CostLine[]; hourly: string; monthly: string };
  quota: QuotaLine[];
}

function cost(label: string, hourly: Micros): CostLine {
  return { label, hourly: formatMoney(hourly), monthly: formatMoney(hourly * HOURS_PER_MONTH) };
}

function share(value: number, limit: number): number {
  return limit > 0 ? Math.min(1, Math.max(0, value / limit)) : 1;
}

/**
 * Preflights a new runtime, or (with `editing`) a change to an existing one: then the
 * quota only needs room for the difference and the dry run replaces instead of creates.
 */
export async function preflightSummary(
  context: WorkspaceContext,
  input: CreateRuntime,
  editing: boolean,
): Promise<PreflightSummary> {
  let current: { footprint: RuntimeFootprint; replicas: number } | undefined;
  if (editing) {
    const spec = specOf((await getRuntime(context, input.name)).runtime);
    current = { footprint: footprintOf(spec), replicas: spec.replicas };
  }
  const result = await preflightRuntime(context, input, current);
  // Only the form's preflight probes the ingress: creating and changing need not wait for it.
  const endpoint = result.host
    ? await endpointPreflight(result.host, Boolean(result.fieldErrors["publicEndpoint.hostPrefix"]))
    : [];
  const { quota, footprint, hourly } = result;
  const before = current?.footprint;

  const line = (label: string, key: keyof RuntimeFootprint, format: (n: number) => string): QuotaLine => {
    const used = quota[key].used;
    const after = used - (before?.[key] ?? 0) + footprint[key];
    const limit = quota[key].hard;
    return {
      label,
      used: format(used),
      after: format(after),
      limit: format(limit),
      usedShare: share(used, limit),
      afterShare: share(after, limit),
      over: after > limit,
    };
  };

  const lines = [
    cost("CPU", hourly.cpu),
    cost("Memory", hourly.memory),
    cost("Public endpoint", hourly.endpoints),
    cost(`Runtime class surcharge (${input.runtimeClass})`, hourly.runtimeClassSurcharge),
  ];

  return {
    ok: result.ok,
    fieldErrors: result.fieldErrors,
    problems: result.problems,
    warnings: result.warnings,
    host: result.host,
    endpoint,
    cost: { lines, hourly: formatMoney(hourly.total), monthly: formatMoney(hourly.total * HOURS_PER_MONTH) },
    quota: [
      line("CPU", "cpuMillis", formatCpu),
      line("Memory", "memoryMiB", formatMemory),
      line("Pods", "pods", String),
      line("Services", "services", String),
    ],
  };
}
