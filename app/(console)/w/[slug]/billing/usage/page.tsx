import type { Metadata } from "next";
import Link from "next/link";
import { workspacePage } from "@/lib/auth/workspace-page";
import { formatMoney } from "@/lib/billing/money";
import { describeQuantity, RESOURCE_LABELS } from "@/lib/billing/charge-labels";
import { monthKey, parseMonth, monthStart, nextMonth, DAY_MS, previousMonth } from "@/lib/time/utc";
import { usageDetail, usageDetailInput } from "@/lib/billing/usage-detail";
import { costsByEnvironment } from "@/lib/billing/costs-by-environment";
import { DEFAULT_ENVIRONMENT, ENVIRONMENT_PARAM, environmentParam } from "@/lib/environments/environment-param";
import { EnvironmentCosts } from "@/components/billing/environment-costs";
import { BillingNav } from "@/components/billing/billing-nav";
import { ChargesTable } from "@/components/billing/charges-table";
import { buttonClass } from "@/components/ui/button-class";
import { Alert } from "@/components/ui/alert";

export const metadata: Metadata = { title: "Billing detail" };

export default async function BillingUsagePage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { slug } = await params;
  const context = await workspacePage(slug);
  const raw = await searchParams;
  const parsed = usageDetailInput.safeParse({
    month: typeof raw.month === "string" ? raw.month : undefined,
    granularity: typeof raw.granularity === "string" ? raw.granularity : undefined,
    day: typeof raw.day === "string" ? raw.day : undefined,
  });
  const now = new Date();
  const input = parsed.success ? parsed.data : usageDetailInput.parse({});
  const month = parseMonth(input.month, now);
  // The hourly view shows one day at a time (today by default in the current month).
  const day =
    input.granularity === "hourly"
      ? (input.day ?? (monthKey(month) === monthKey(now) ? now.toISOString().slice(0, 10) : `${monthKey(month)}-01`))
      : undefined;
  const [detail, byEnvironment] = await Promise.all([
    usageDetail(context, { ...input, day }, now).catch(() => null),
    costsByEnvironment(context, month, now).catch(() => null),
  ]);
  // Billing is workspace-wide; its links keep the environment the console is in.
  const current = environmentParam(raw);
  const keep = current === DEFAULT_ENVIRONMENT ? undefined : current;
  const base = `/w/${slug}/billing/usage`;
  const link = (q: Record<string, string | undefined>) =>
    `${base}?${new URLSearchParams(Object.entries({ ...q, [ENVIRONMENT_PARAM]: keep }).filter((e): e is [string, string] => Boolean(e[1]))).toString()}`;
  const mk = monthKey(month);
  const total = detail?.lines.reduce((sum, l) => sum + l.amountMicros, 0n) ?? 0n;

  return (
    <div className="flex flex-col gap-6">
      <BillingNav slug={slug} current="usage" />
      {!parsed.success ? <Alert>That link&apos;s month or day is not valid; showing this month instead.</Alert> : null}
      <form method="get" action={base} className="flex flex-wrap items-end gap-3 text-sm">
        {keep ? <input type="hidden" name={ENVIRONMENT_PARAM} value={keep} /> : null}
        <div className="flex flex-col gap-1">
          <label htmlFor="month" className="font-medium text-slate-800">
            Month
          </label>
          <input
            id="month"
            name="month"
            type="month"
            defaultValue={mk}
            className="rounded-md border border-slate-300 px-3 py-1.5"
          />
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor="granularity" className="font-medium text-slate-800">
            Detail
          </label>
          <select
            id="granularity"
            name="granularity"
            defaultValue={input.granularity}
            className="rounded-md border border-slate-300 bg-white px-3 py-1.5"
          >
            <option value="daily">Daily</option>
            <option value="hourly">Hourly (one day)</option>
          </select>
        </div>
        {input.granularity === "hourly" ? (
          <div className="flex flex-col gap-1">
            <label htmlFor="day" className="font-medium text-slate-800">
              Day
            </label>
            <input
              id="day"
              name="day"
              type="date"
              defaultValue={day}
              min={`${mk}-01`}
              max={new Date(nextMonth(month).getTime() - DAY_MS).toISOString().slice(0, 10)}
              className="rounded-md border border-slate-300 px-3 py-1.5"
            />
          </div>
        ) : null}
        <button type="submit" className={buttonClass({ size: "sm" })}>
          Show
        </button>
        <a
          href={`/api/w/${slug}/billing/export?month=${mk}&granularity=${input.granularity}`}
          download
          className={buttonClass({ variant: "secondary", size: "sm" })}
        >
          Download CSV
        </a>
      </form>
      <div className="flex gap-3 text-sm">
        <Link
          className="text-brand-700 underline"
          href={link({ month: monthKey(previousMonth(month)), granularity: input.granularity })}
        >
          ← Previous month
        </Link>
        {month < monthStart(now) ? (
          <Link
            className="text-brand-700 underline"
            href={link({ month: monthKey(nextMonth(month)), granularity: input.granularity })}
          >
            Next month →
          </Link>
        ) : null}
      </div>
      {byEnvironment && byEnvironment.environments.length > 1 ? (
        <EnvironmentCosts
          caption={`Cost of ${mk} by environment`}
          rows={byEnvironment.environments.map((e) => ({
            key: e.namespace,
            displayName: e.displayName,
            namespace: e.namespace,
            amount: formatMoney(e.amountMicros),
          }))}
          total={formatMoney(byEnvironment.totalMicros)}
          note={
            <>
              Rated from the meter&apos;s minutes in each namespace
              {byEnvironment.coveredFrom ? ` since ${byEnvironment.coveredFrom.toISOString().slice(0, 10)}` : ""}; it
              can differ from the charges below by a rounding per hour.
            </>
          }
        />
      ) : null}
      {!detail || detail.lines.length === 0 ? (
        <p className="text-sm text-slate-600">No charges in this period.</p>
      ) : (
        <ChargesTable
          caption={`Charges per ${input.granularity === "hourly" ? "hour" : "day"}, by runtime or volume and resource`}
          periodHeader={input.granularity === "hourly" ? "Hour (UTC)" : "Day"}
          amountHeader="Cost"
          rows={detail.lines.map((l) => ({
            key: `${l.period}/${l.subjectKind}/${l.subject}/${l.resource}/${l.runtimeClass}`,
            period: l.period.replace("T", " "),
            subjectKind: l.subjectKind,
            subject: l.subject,
            resourceLabel: RESOURCE_LABELS[l.resource],
            runtimeClass: l.runtimeClass,
            usage: describeQuantity(l.resource, l.quantityMinutes),
            amount: formatMoney(l.amountMicros),
          }))}
          total={formatMoney(total)}
        />
      )}
    </div>
  );
}
