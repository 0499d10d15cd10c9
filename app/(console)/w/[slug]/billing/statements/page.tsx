import type { Metadata } from "next";
import Link from "next/link";
import { workspacePage } from "@/lib/auth/workspace-page";
import { environmentParam, workspaceHref } from "@/lib/environments/environment-param";
import { formatMoney } from "@/lib/billing/money";
import { listStatements } from "@/lib/billing/list-statements";
import { monthKey } from "@/lib/time/utc";
import { BillingNav } from "@/components/billing/billing-nav";

export const metadata: Metadata = { title: "Statements" };

export default async function StatementsPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { slug } = await params;
  const environment = environmentParam(await searchParams);
  const context = await workspacePage(slug);
  const statements = await listStatements(context);
  return (
    <div className="flex flex-col gap-6">
      <BillingNav slug={slug} current="statements" />
      <p className="text-sm text-slate-600">
        A statement is issued for each closed month a few hours after it ends. Its total is exactly the sum of its
        lines; the current month is on the Current month tab.
      </p>
      {statements.length === 0 ? (
        <p className="text-sm text-slate-600">No statements yet.</p>
      ) : (
        <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
          {statements.map((s) => (
            <li key={s.id} className="flex flex-wrap items-center justify-between gap-2 px-4 py-3 text-sm">
              <Link
                href={workspaceHref(slug, `/billing/statements/${monthKey(s.month)}`, environment)}
                className="text-brand-700 font-medium underline"
              >
                {monthKey(s.month)}
              </Link>
              <span className="tabular-nums">{formatMoney(s.totalMicros)}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
