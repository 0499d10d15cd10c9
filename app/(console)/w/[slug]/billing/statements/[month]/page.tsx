import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { workspacePage } from "@/lib/auth/workspace-page";
import { describeQuantity, getStatement, monthParam, parseMonth, RESOURCE_LABELS } from "@/lib/billing/billing-view";
import { formatMoney } from "@/lib/billing/money";
import { AppError } from "@/lib/errors/app-error";
import { BillingNav } from "@/components/billing/billing-nav";

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
          className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50"
        >
          Download CSV
        </a>
      </div>
      <div className="overflow-x-auto rounded-lg border border-slate-200">
        <table className="min-w-full text-sm">
          <caption className="sr-only">Statement lines</caption>
          <thead className="bg-slate-50 text-left text-slate-600">
            <tr>
              <th scope="col" className="px-3 py-2 font-medium">
                Runtime or volume
              </th>
              <th scope="col" className="px-3 py-2 font-medium">
                Resource
              </th>
              <th scope="col" className="px-3 py-2 font-medium">
                Usage
              </th>
              <th scope="col" className="px-3 py-2 text-right font-medium">
                Amount
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {statement.lines.map((l) => (
              <tr key={l.id.toString()}>
                <td className="px-3 py-1.5">
                  {l.subjectKind === "VOLUME" ? <span className="text-slate-500">volume </span> : null}
                  {l.subjectName}
                </td>
                <td className="px-3 py-1.5">
                  {RESOURCE_LABELS[l.resource]}
                  {l.runtimeClass ? <span className="text-slate-500"> · {l.runtimeClass}</span> : null}
                </td>
                <td className="px-3 py-1.5 text-slate-600">{describeQuantity(l.resource, l.quantityMinutes)}</td>
                <td className="px-3 py-1.5 text-right tabular-nums">{formatMoney(l.amountMicros)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot className="border-t border-slate-200 font-medium">
            <tr>
              <th scope="row" colSpan={3} className="px-3 py-2 text-left">
                Total
              </th>
              <td className="px-3 py-2 text-right tabular-nums">{formatMoney(statement.totalMicros)}</td>
            </tr>
          </tfoot>
        </table>
      </div>
      <p className="text-xs text-slate-500">
        Issued {statement.issuedAt.toISOString().slice(0, 16).replace("T", " ")} UTC.
      </p>
    </div>
  );
}
