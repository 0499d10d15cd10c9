"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import type { BillingSummary } from "@/lib/billing/get-billing-summary";
import { billingSummaryKey, useBillingSummary } from "@/components/billing/billing-queries";
import { ChargesTable } from "@/components/billing/charges-table";
import { CostChart } from "@/components/billing/cost-chart";
import { DateTime } from "@/components/ui/date-time";

// The live part of the billing page: this month's cost, balance and budget, the chart and the
// breakdown, all from one summary that refreshes every 20 seconds without a reload.

function Stat({ label, value, hint, testId }: { label: string; value: string; hint?: string; testId?: string }) {
  return (
    <div className="flex min-w-0 flex-col gap-1 rounded-lg border border-slate-200 bg-white p-4">
      <dt className="text-sm text-slate-600">{label}</dt>
      <dd className="text-2xl font-semibold tabular-nums" data-testid={testId}>
        {value}
      </dd>
      {hint ? <dd className="text-xs text-slate-500">{hint}</dd> : null}
    </div>
  );
}

function BudgetBar({ budget }: { budget: NonNullable<BillingSummary["budget"]> }) {
  const share = Math.min(100, budget.percent);
  const color = budget.percent >= 100 ? "bg-red-500" : budget.percent >= 80 ? "bg-amber-500" : "bg-brand-600";
  return (
    <div className="flex flex-col gap-1">
      <div className="flex flex-wrap justify-between gap-x-2 text-sm">
        <span className="font-medium text-slate-800">Budget {budget.hardLimit ? "(hard limit)" : "(alerts only)"}</span>
        <span className="text-slate-600">
          {budget.percent.toFixed(1)}% of {budget.limit.text}
        </span>
      </div>
      <div aria-hidden="true" className="h-2 overflow-hidden rounded-full bg-slate-100">
        <div className={`h-full rounded-full ${color}`} style={{ width: `${share}%` }} />
      </div>
    </div>
  );
}

export function LiveBilling({ slug, initial }: { slug: string; initial: BillingSummary }) {
  const { data, error, isFetching, dataUpdatedAt } = useBillingSummary(slug, initial);
  const queryClient = useQueryClient();
  // A server action (saving a budget) renders the page again with a fresh summary: show it.
  useEffect(() => {
    queryClient.setQueryData(billingSummaryKey(slug), initial, { updatedAt: Date.parse(initial.asOf) });
  }, [queryClient, slug, initial]);
  const updated = new Date(dataUpdatedAt || Date.parse(data.asOf));
  return (
    <div className="flex flex-col gap-6">
      {data.hold ? (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-900">
          {data.hold.message}
        </p>
      ) : null}
      <section aria-labelledby="cost-now" className="flex flex-col gap-3">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h2 id="cost-now" className="text-base font-semibold">
            This month ({data.month})
          </h2>
          <p className="text-xs text-slate-500" aria-live="polite">
            {error ? (
              <span className="text-amber-800">{error.message} Showing the last figures.</span>
            ) : (
              <>
                Live · updated <DateTime at={updated} style="time-seconds" />
                {isFetching ? " · refreshing…" : ""}
              </>
            )}
          </p>
        </div>
        <dl className="grid gap-3 sm:grid-cols-3">
          <Stat label="Cost so far" value={data.monthCost.text} testId="live-month-cost" hint="Updates every minute" />
          <Stat
            label="Balance"
            value={data.balance.text}
            testId="balance"
            hint={`Credits ${data.credits.text} in total`}
          />
          <Stat
            label="Budget"
            value={data.budget ? data.budget.limit.text : "None set"}
            hint={data.budget ? `${data.budget.percent.toFixed(1)}% used` : "Owners can set one below"}
          />
        </dl>
        {data.budget ? <BudgetBar budget={data.budget} /> : null}
      </section>

      <section aria-labelledby="cost-chart" className="flex flex-col gap-3">
        <h2 id="cost-chart" className="text-base font-semibold">
          Cost by day
        </h2>
        <CostChart daily={data.daily} />
      </section>

      <section aria-labelledby="breakdown" className="flex flex-col gap-3">
        <h2 id="breakdown" className="text-base font-semibold">
          Breakdown
        </h2>
        {data.breakdown.length === 0 ? (
          <p className="text-sm text-slate-600">
            Nothing billed this month yet. Running runtimes, bound volumes and public endpoints are metered every
            minute.
          </p>
        ) : (
          <ChargesTable
            caption="This month's cost by runtime or volume and resource"
            amountHeader="Cost"
            rows={data.breakdown.map((row) => ({
              key: `${row.subjectKind}/${row.subject}/${row.resource}/${row.runtimeClass}`,
              subjectKind: row.subjectKind,
              subject: row.subject,
              resourceLabel: row.resourceLabel,
              runtimeClass: row.runtimeClass,
              usage: row.quantity,
              amount: row.amount.text,
            }))}
            total={data.monthCost.text}
            rowPadding="py-2"
          />
        )}
      </section>
    </div>
  );
}
