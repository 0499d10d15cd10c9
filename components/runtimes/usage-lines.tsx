"use client";

import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

// The drawing of one usage chart: recharts, in its own module so that it loads after the
// runtime page is interactive (see runtime-usage-charts.tsx).

export interface LineSeries {
  key: string;
  name: string;
  color: string;
  dashed?: boolean;
}

export function UsageLines({
  data,
  series,
  format,
}: {
  data: Record<string, number | string>[];
  series: LineSeries[];
  format: (value: number) => string;
}) {
  return (
    <ResponsiveContainer width="100%" height="100%">
      <LineChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="time" tickLine={false} fontSize={12} minTickGap={24} />
        <YAxis tickFormatter={(v: number) => format(v)} width={72} fontSize={12} />
        <Tooltip formatter={(v) => format(Number(v))} />
        <Legend />
        {series.map((s) => (
          <Line
            key={s.key}
            dataKey={s.key}
            name={s.name}
            stroke={s.color}
            strokeDasharray={s.dashed ? "5 4" : undefined}
            dot={false}
            isAnimationActive={false}
            type="monotone"
          />
        ))}
      </LineChart>
    </ResponsiveContainer>
  );
}
