"use client";

import { lazy, Suspense, useState } from "react";
import { useHydrated } from "@/components/ui/use-hydrated";
import { RESOURCE_LABELS } from "@/lib/billing/charge-labels";
import type { BillingSummary } from "@/lib/billing/get-billing-summary";
import type { ChargeResource } from "@/lib/billing/rating";

// Cost per day this month as stacked bars, by resource or by runtime. The breakdown table
// below carries the same figures for screen readers and exact amounts.

// recharts is most of the billing page's JavaScript; the bars load after the page is
// interactive, into a box of the chart's size (so nothing shifts), and are drawn in the
// browser only (ResponsiveContainer measures its box there anyway).
const CostBars = lazy(() => import("@/components/billing/cost-bars").then((m) => ({ default: m.CostBars })));
const chartLoading = <p className="pt-24 text-center text-sm text-slate-500">Loading the chart…</p>;

const MAX_SERIES = 6;

export function CostChart({ daily }: { daily: BillingSummary["daily"] }) {
  const [view, setView] = useState<"resource" | "runtime">("resource");
  const hydrated = useHydrated();
  const totals = new Map<string, number>();
  for (const day of daily) {
    for (const [key, value] of Object.entries(view === "resource" ? day.byResource : day.bySubject)) {
      totals.set(key, (totals.get(key) ?? 0) + value);
    }
  }
  const ranked = [...totals].sort((a, b) => b[1] - a[1]).map(([key]) => key);
  const shown = ranked.slice(0, MAX_SERIES);
  const hasOther = ranked.length > MAX_SERIES;
  const data = daily.map((day) => {
    const values = view === "resource" ? day.byResource : day.bySubject;
    const point: Record<string, number | string> = { day: day.day.slice(8) };
    let other = 0;
    for (const [key, value] of Object.entries(values)) {
      if (shown.includes(key)) point[key] = value;
      else other += value;
    }
    if (hasOther) point.Other = other;
    return point;
  });
  const series = [...shown, ...(hasOther ? ["Other"] : [])];
  const total = daily.reduce((sum, d) => sum + d.total, 0);

  return (
    <div className="flex flex-col gap-3">
      <div role="radiogroup" aria-label="Group the chart" className="flex gap-2 text-sm">
        {(["resource", "runtime"] as const).map((option) => (
          <button
            key={option}
            type="button"
            role="radio"
            aria-checked={view === option}
            onClick={() => setView(option)}
            className="aria-checked:border-brand-600 aria-checked:bg-brand-50 rounded-md border border-slate-300 px-3 py-1 aria-checked:font-medium"
          >
            By {option}
          </button>
        ))}
      </div>
      {total === 0 ? (
        <p className="text-sm text-slate-600">No cost this month yet; the chart fills in as usage is metered.</p>
      ) : (
        <div
          role="img"
          aria-label={`Cost per day this month by ${view}; the breakdown table below has the exact figures.`}
          className="h-64 w-full"
        >
          {hydrated ? (
            <Suspense fallback={chartLoading}>
              <CostBars
                data={data}
                series={series.map((key) => ({
                  key,
                  name: view === "resource" ? (RESOURCE_LABELS[key as ChargeResource] ?? key) : key,
                }))}
              />
            </Suspense>
          ) : (
            chartLoading
          )}
        </div>
      )}
    </div>
  );
}
