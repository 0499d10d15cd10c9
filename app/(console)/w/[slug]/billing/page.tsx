import type { Metadata } from "next";
import { Suspense } from "react";
import { workspacePage } from "@/lib/auth/workspace-page";
import type { WorkspaceContext } from "@/lib/authz/context";
import { can } from "@/lib/authz/permissions";
import { listCredits } from "@/lib/billing/credits";
import { formatMoney } from "@/lib/billing/money";
import { microsToDecimal } from "@/lib/billing/parse-money";
import { planWithPrices } from "@/lib/billing/plan-prices";
import { toAppError } from "@/lib/errors/app-error";
import { logger } from "@/lib/observability/logger";
import { getQuotaUsage } from "@/lib/workspaces/get-quota-usage";
import { getBillingSummary } from "@/lib/billing/get-billing-summary";
import { listBudgetAlerts } from "@/lib/billing/list-budget-alerts";
import { BillingNav } from "@/components/billing/billing-nav";
import { BudgetForm } from "@/components/billing/budget-form";
import { LiveBilling } from "@/components/billing/live-billing";
import { QueryProvider } from "@/components/shell/query-provider";
import { SectionCard } from "@/components/ui/card";
import { QuotaMeterList } from "@/components/workspace/quota-meter";
import { removeBudgetAction, setBudgetAction } from "./actions";
import { buttonClass } from "@/components/ui/button-class";
import { DateTime } from "@/components/ui/date-time";

export const metadata: Metadata = { title: "Billing" };

const CREDIT_KINDS = { SIGNUP: "Sign-up credit", GRANT: "Grant", ADJUSTMENT: "Adjustment" } as const;

async function QuotaList({ context }: { context: WorkspaceContext }) {
  const usage = await getQuotaUsage(context).catch((error: unknown) => {
    if (toAppError(error).code === "INTERNAL")
      logger.error({ err: error, workspaceId: context.workspace.id }, "billing: reading quota usage failed");
    return null;
  });
  if (usage === null) {
    return (
      <p role="status" className="text-sm text-slate-600">
        Quota usage is unavailable right now because the cluster cannot be reached.
      </p>
    );
  }
  return <QuotaMeterList usage={usage} />;
}

export default async function BillingPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const context = await workspacePage(slug);
  const manage = can(context.membership.role, "billing.manage");
  const [summary, credits, alerts, plan] = await Promise.all([
    getBillingSummary(context),
    listCredits(context.workspace.id),
    listBudgetAlerts(context),
    planWithPrices(context.workspace.planId),
  ]);
  // The summary's standing has read the budget row already.
  const budget = summary.budget
    ? { monthlyLimitMicros: BigInt(summary.budget.limit.micros), hardLimit: summary.budget.hardLimit }
    : null;
  const month = summary.month;

  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <BillingNav slug={slug} current="overview" />
        <div className="flex flex-wrap gap-2 text-sm">
          <a
            href={`/api/w/${slug}/billing/export?month=${month}&granularity=daily`}
            className={buttonClass({ variant: "secondary", size: "sm" })}
            download
          >
            Download CSV (daily)
          </a>
          <a
            href={`/api/w/${slug}/billing/export?month=${month}&granularity=hourly`}
            className={buttonClass({ variant: "secondary", size: "sm" })}
            download
          >
            Download CSV (hourly)
          </a>
        </div>
      </div>

      <QueryProvider>
        <LiveBilling slug={slug} initial={summary} />
      </QueryProvider>

      <div className="grid gap-6 lg:grid-cols-2">
        <SectionCard id="budget" title="Monthly budget">
          {alerts.length > 0 ? (
            <ul className="flex flex-col gap-1 text-sm" aria-label="Budget alerts this month">
              {alerts.map((a) => (
                <li
                  key={a.threshold}
                  className="rounded-md border border-amber-200 bg-amber-50 px-3 py-1.5 text-amber-900"
                >
                  {a.threshold}% of the budget reached on <DateTime at={a.createdAt} />({formatMoney(a.costMicros)} of{" "}
                  {formatMoney(a.budgetMicros)})
                </li>
              ))}
            </ul>
          ) : null}
          {manage ? (
            <BudgetForm
              action={setBudgetAction.bind(null, slug)}
              removeAction={removeBudgetAction.bind(null, slug)}
              amount={budget ? microsToDecimal(budget.monthlyLimitMicros) : ""}
              hardLimit={budget?.hardLimit ?? false}
            />
          ) : (
            <p className="text-sm text-slate-600">
              {budget
                ? `${formatMoney(budget.monthlyLimitMicros)} a month${budget.hardLimit ? ", as a hard limit" : ""}. Only owners can change it.`
                : "No budget is set. Only owners can set one."}
            </p>
          )}
        </SectionCard>

        <SectionCard id="credits" title="Credits">
          <p className="text-sm text-slate-600">
            The balance is all credits minus all charges. At zero, new runtimes are refused and running ones are scaled
            to zero after a grace period; they resume when credit returns. Nothing is deleted.
          </p>
          {credits.length === 0 ? (
            <p className="text-sm text-slate-600">No credits yet.</p>
          ) : (
            <div className="overflow-x-auto">
              <table className="min-w-full text-sm">
                <caption className="sr-only">Credit ledger</caption>
                <thead className="text-left text-slate-600">
                  <tr>
                    <th scope="col" className="py-1 pr-3 font-medium">
                      Date
                    </th>
                    <th scope="col" className="py-1 pr-3 font-medium">
                      Kind
                    </th>
                    <th scope="col" className="py-1 pr-3 font-medium">
                      Note
                    </th>
                    <th scope="col" className="py-1 text-right font-medium">
                      Amount
                    </th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {credits.map((c) => (
                    <tr key={c.id}>
                      <td className="py-1 pr-3 whitespace-nowrap">{c.createdAt.toISOString().slice(0, 10)}</td>
                      <td className="py-1 pr-3">{CREDIT_KINDS[c.kind]}</td>
                      <td className="py-1 pr-3 text-slate-600">{c.note}</td>
                      <td className="py-1 text-right tabular-nums">{formatMoney(c.amountMicros)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </SectionCard>

        <SectionCard id="quota" title="Quota usage">
          <Suspense fallback={<p className="text-sm text-slate-600">Loading quota usage…</p>}>
            <QuotaList context={context} />
          </Suspense>
        </SectionCard>

        <SectionCard id="plan" title={`Plan: ${plan.plan.name}`}>
          {plan.plan.description ? <p className="text-sm text-slate-600">{plan.plan.description}</p> : null}
          <table className="min-w-full text-sm">
            <caption className="sr-only">Prices in force now</caption>
            <tbody className="divide-y divide-slate-100">
              {plan.rows.map((row) => (
                <tr key={row.label}>
                  <th scope="row" className="py-1 pr-3 text-left font-medium">
                    {row.label}
                  </th>
                  <td className="py-1 text-slate-700">{row.price}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {plan.upcoming.length > 0 ? (
            <ul className="text-sm text-slate-600">
              {plan.upcoming.map((p) => (
                <li key={`${p.resource}/${p.runtimeClass}/${p.from.toISOString()}`}>
                  From {p.from.toISOString().slice(0, 10)}: {p.resource.toLowerCase().replace(/_/g, " ")}
                  {p.runtimeClass ? ` (${p.runtimeClass})` : ""} at {p.price}
                </li>
              ))}
            </ul>
          ) : null}
          <p className="text-xs text-slate-500">
            Running containers are billed by their requests for each whole minute they run; pending pods are not billed.
            Each hour is priced once, at the price in force at its start.
          </p>
        </SectionCard>
      </div>
    </div>
  );
}
