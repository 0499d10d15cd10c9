"use client";

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatMoney } from "@/lib/billing/money";

// The drawing of the cost chart: recharts, kept in its own module so that it loads after
// the billing page is interactive rather than with it (see cost-chart.tsx).

const COLORS = ["#2563eb", "#16a34a", "#d97706", "#9333ea", "#dc2626", "#0891b2", "#64748b"];

export interface CostSeries {
  key: string;
  name: string;
}

/** A point's amount, in micro-units, through the one money formatter. */
function formatMicros(value: unknown): string {
  return formatMoney(BigInt(Math.round(Number(value))));
}

export function CostBars({ data, series }: { data: Record<string, number | string>[]; series: CostSeries[] }) {
  return (
    <ResponsiveContainer width="100%" height="100%">
      <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="day" tickLine={false} fontSize={12} />
        <YAxis tickFormatter={formatMicros} width={64} fontSize={12} />
        <Tooltip formatter={formatMicros} labelFormatter={(label) => `Day ${String(label)}`} />
        <Legend />
        {series.map(({ key, name }, i) => (
          <Bar
            key={key}
            dataKey={key}
            name={name}
            stackId="cost"
            fill={COLORS[i % COLORS.length]}
            isAnimationActive={false}
          />
        ))}
      </BarChart>
    </ResponsiveContainer>
  );
}
