"use client";

import { useState } from "react";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { BillingSummary } from "@/lib/billing/billing-view";

// Cost per day this month as stacked bars, by resource or by runtime. The breakdown table
// below carries the same figures for screen readers and exact amounts.

const RESOURCE_NAMES: Record<string, string> = {
  CPU: "CPU",
  MEMORY: "Memory",
  STORAGE: "Storage",
  ENDPOINT: "Public endpoints",
  RUNTIME_CLASS: "Runtime class surcharge",
};
const COLORS = ["#2563eb", "#16a34a", "#d97706", "#9333ea", "#dc2626", "#0891b2", "#64748b"];
const MAX_SERIES = 6;

function units(micros: number): number {
  return micros / 1_000_000;
}

function formatUnits(value: number): string {
  return value >= 0.01 || value === 0 ? `$${value.toFixed(2)}` : `$${value.toPrecision(2)}`;
}

export function CostChart({ daily }: { daily: BillingSummary["daily"] }) {
  const [view, setView] = useState<"resource" | "runtime">("resource");
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
      if (shown.includes(key)) point[key] = units(value);
      else other += value;
    }
    if (hasOther) point.Other = units(other);
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
          <ResponsiveContainer width="100%" height="100%">
            <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
              <CartesianGrid strokeDasharray="3 3" vertical={false} />
              <XAxis dataKey="day" tickLine={false} fontSize={12} />
              <YAxis tickFormatter={formatUnits} width={64} fontSize={12} />
              <Tooltip
                formatter={(value) => formatUnits(Number(value))}
                labelFormatter={(label) => `Day ${String(label)}`}
              />
              <Legend />
              {series.map((key, i) => (
                <Bar
                  key={key}
                  dataKey={key}
                  name={view === "resource" ? (RESOURCE_NAMES[key] ?? key) : key}
                  stackId="cost"
                  fill={COLORS[i % COLORS.length]}
                  isAnimationActive={false}
                />
              ))}
            </BarChart>
          </ResponsiveContainer>
        </div>
      )}
    </div>
  );
}
