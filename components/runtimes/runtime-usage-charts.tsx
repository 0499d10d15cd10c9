"use client";

import { useQuery } from "@tanstack/react-query";
import { lazy, Suspense, useState } from "react";
import type { RuntimeUsage, UsagePoint, UsageRange } from "@/lib/runtimes/runtime-usage";
import type { LineSeries } from "@/components/runtimes/usage-lines";
import { Alert } from "@/components/ui/alert";
import { SectionCard } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { useEnvironment } from "@/components/workspace/use-environment";
import { workspaceApiHref } from "@/lib/environments/environment-param";

// A runtime's measured CPU and memory against its requests and limits, and the bytes its
// pods received and sent, over the last hour or day. The meter writes a sample per pod and
// minute; the charts ask for fresh data every 30 seconds.

const REFRESH_MS = 30_000;

// recharts loads once there is usage to draw (the data is fetched in the browser, so the
// server never draws a chart).
const UsageLines = lazy(() => import("@/components/runtimes/usage-lines").then((m) => ({ default: m.UsageLines })));

async function fetchUsage(slug: string, environment: string, name: string, range: UsageRange): Promise<RuntimeUsage> {
  const query = new URLSearchParams({ name, range });
  const response = await fetch(workspaceApiHref(slug, `/runtimes/usage?${query}`, environment), {
    headers: { Accept: "application/json" },
    cache: "no-store",
  });
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { error?: string } | null;
    throw new Error(body?.error ?? "Could not load the usage.");
  }
  return (await response.json()) as RuntimeUsage;
}

const UNITS = ["B", "KiB", "MiB", "GiB", "TiB"];
function formatBytes(value: number): string {
  let n = value;
  let unit = 0;
  while (Math.abs(n) >= 1024 && unit < UNITS.length - 1) {
    n /= 1024;
    unit++;
  }
  return `${n >= 100 || unit === 0 ? n.toFixed(0) : n.toFixed(1)} ${UNITS[unit]}`;
}
const formatCpu = (m: number) => (m >= 1000 ? `${(m / 1000).toFixed(2)} vCPU` : `${Math.round(m)}m`);

const CHARTS: {
  id: string;
  title: string;
  format: (v: number) => string;
  series: (LineSeries & { key: keyof UsagePoint })[];
}[] = [
  {
    id: "cpu",
    title: "CPU",
    format: formatCpu,
    series: [
      { key: "cpu", name: "Used", color: "#2563eb" },
      { key: "cpuRequest", name: "Request", color: "#16a34a", dashed: true },
      { key: "cpuLimit", name: "Limit", color: "#dc2626", dashed: true },
    ],
  },
  {
    id: "memory",
    title: "Memory",
    format: formatBytes,
    series: [
      { key: "memory", name: "Used (working set)", color: "#9333ea" },
      { key: "memoryRequest", name: "Request", color: "#16a34a", dashed: true },
      { key: "memoryLimit", name: "Limit", color: "#dc2626", dashed: true },
    ],
  },
  {
    id: "network",
    title: "Network per minute",
    format: formatBytes,
    series: [
      { key: "rx", name: "Received", color: "#0891b2" },
      { key: "tx", name: "Sent", color: "#d97706" },
    ],
  },
];

function timeLabel(iso: string, range: UsageRange): string {
  const d = new Date(iso);
  const hm = d.toISOString().slice(11, 16);
  return range === "day" ? `${d.toISOString().slice(5, 10)} ${hm}` : hm;
}

export function RuntimeUsageCharts({ slug, name }: { slug: string; name: string }) {
  const [range, setRange] = useState<UsageRange>("hour");
  const environment = useEnvironment();
  const query = useQuery({
    queryKey: ["runtime-usage", slug, environment, name, range],
    queryFn: () => fetchUsage(slug, environment, name, range),
    refetchInterval: REFRESH_MS,
    refetchIntervalInBackground: false,
  });
  const usage = query.data;
  const data = (usage?.points ?? []).map((p) => ({ ...p, time: timeLabel(p.at, range) }));

  return (
    <SectionCard level={3} id="usage-heading" title="Usage">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div role="radiogroup" aria-label="Time range" className="flex gap-2 text-sm">
          {(["hour", "day"] as const).map((option) => (
            <button
              key={option}
              type="button"
              role="radio"
              aria-checked={range === option}
              onClick={() => setRange(option)}
              className="aria-checked:border-brand-600 aria-checked:bg-brand-50 rounded-md border border-slate-300 px-3 py-1 aria-checked:font-medium"
            >
              Last {option}
            </button>
          ))}
        </div>
        {usage && usage.points.length > 0 ? (
          <p className="text-sm text-slate-600" data-testid="usage-network-totals">
            Received {formatBytes(usage.rxBytes)}, sent {formatBytes(usage.txBytes)} in the last {range}
          </p>
        ) : null}
      </div>
      {query.isPending ? (
        <p className="text-sm text-slate-500">Loading usage…</p>
      ) : query.isError && !usage ? (
        <Alert>{query.error.message}</Alert>
      ) : !usage || usage.points.length === 0 ? (
        <EmptyState>
          No usage measured in the last {range}. Usage appears a minute or two after a pod starts on a node that reports
          it.
        </EmptyState>
      ) : (
        <div className="grid gap-4 lg:grid-cols-3">
          {CHARTS.map((chart) => (
            <figure key={chart.id} className="flex min-w-0 flex-col gap-1" data-testid={`usage-chart-${chart.id}`}>
              <figcaption className="text-sm font-medium">{chart.title}</figcaption>
              <div
                role="img"
                aria-label={`${chart.title} over the last ${range}: ${describeLatest(usage.points, chart)}`}
                className="h-48 w-full"
              >
                <Suspense fallback={<p className="pt-16 text-center text-sm text-slate-500">Loading the chart…</p>}>
                  <UsageLines data={data} series={chart.series} format={chart.format} />
                </Suspense>
              </div>
            </figure>
          ))}
        </div>
      )}
    </SectionCard>
  );
}

/** The latest point in words, for screen readers. */
function describeLatest(points: UsagePoint[], chart: (typeof CHARTS)[number]): string {
  const last = points[points.length - 1];
  if (!last) return "no data";
  return chart.series.map((s) => `${s.name} ${chart.format(Number(last[s.key]))}`).join(", ");
}
