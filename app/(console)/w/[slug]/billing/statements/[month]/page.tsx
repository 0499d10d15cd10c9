import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { workspacePage } from "@/lib/auth/workspace-page";
import { formatMoney } from "@/lib/billing/money";
import { AppError } from "@/lib/errors/app-error";
import { describeQuantity, RESOURCE_LABELS } from "@/lib/billing/charge-labels";
import { getStatement } from "@/lib/billing/get-statement";
import { monthParam } from "@/lib/billing/usage-detail";
import { parseMonth } from "@/lib/time/utc";
import { BillingNav } from "@/components/billing/billing-nav";
import { ChargesTable } from "@/components/billing/charges-table";
import { buttonClass } from "@/components/ui/button-class";
import { DateTime } from "@/components/ui/date-time";

export const metadata: Metadata = { title: "Statement" };

export default async function StatementPage({ params }: { params: Promise<{ slug: string; month: string }> }) {
  const { slug, month } = await params;
  const context = await workspacePage(slug);
  if (!monthParam.safeParse(month).success) notFound();
  const statement = await getStatement(context, parseMonth(month)).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    throw error;
  });
  return (
    <div className="flex flex-col gap-6">
      <BillingNav slug={slug} current="statements" />
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 className="text-lg font-semibold">Statement for {month}</h2>
        <a
          href={`/api/w/${slug}/billing/export?month=${month}&granularity=daily`}
          download
          className={buttonClass({ variant: "secondary", size: "sm" })}
        >
          Download CSV
        </a>
      </div>
      <ChargesTable
        caption="Statement lines"
        amountHeader="Amount"
        rows={statement.lines.map((l) => ({
          key: l.id.toString(),
          subjectKind: l.subjectKind,
          subject: l.subjectName,
          resourceLabel: RESOURCE_LABELS[l.resource],
          runtimeClass: l.runtimeClass,
          usage: describeQuantity(l.resource, l.quantityMinutes),
          amount: formatMoney(l.amountMicros),
        }))}
        total={formatMoney(statement.totalMicros)}
      />
      <p className="text-xs text-slate-500">
        Issued <DateTime at={statement.issuedAt} />.
      </p>
    </div>
  );
}
