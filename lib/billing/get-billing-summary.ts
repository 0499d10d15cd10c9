import type { WorkspaceContext } from "@/lib/authz/context";
import { CHARGE_RESOURCES, RESOURCE_LABELS, describeQuantity, subjectLabel } from "@/lib/billing/charge-labels";
import { chargeGroups, type ChargeGroup } from "@/lib/billing/charge-groups";
import { refusalMessage } from "@/lib/billing/enforcement";
import { money, type Money } from "@/lib/billing/money";
import {
  aggregateUsage,
  cachedPrices,
  rateGroups,
  ratedThroughRecently,
  type PriceCache,
  type ChargeResource,
} from "@/lib/billing/rating";
import { liveFrom, standings, type SharedReads } from "@/lib/billing/standing";
import { DAY_MS, HOUR_MS, floorHour, monthKey, monthStart } from "@/lib/time/utc";

// What the billing page shows for the current month, as plain JSON (money as micro-unit
// strings plus a formatted text), computed from the same charge lines as the bill: stored
// hourly line items, then usage rated live up to now.

export interface BreakdownRow {
  subjectKind: "RUNTIME" | "VOLUME";
  subject: string;
  resource: ChargeResource;
  resourceLabel: string;
  runtimeClass: string;
  quantity: string;
  amount: Money;
}

export interface BillingSummary {
  month: string;
  asOf: string;
  monthCost: Money;
  credits: Money;
  balance: Money;
  budget: { limit: Money; hardLimit: boolean; percent: number } | null;
  hold: { reason: "BALANCE" | "BUDGET"; message: string } | null;
  byResource: { resource: ChargeResource; label: string; amount: Money }[];
  byRuntime: { subject: string; subjectKind: "RUNTIME" | "VOLUME"; amount: Money }[];
  /** One point per day of the month so far: amounts in micro-units (numbers, for the chart only). */
  daily: { day: string; total: number; byResource: Record<string, number>; bySubject: Record<string, number> }[];
  breakdown: BreakdownRow[];
}

function add(map: Map<string, bigint>, key: string, value: bigint) {
  map.set(key, (map.get(key) ?? 0n) + value);
}

/** The workspace's current month, live: cost, balance, budget, breakdowns and a daily series. */
export async function getBillingSummary(context: WorkspaceContext, now: Date = new Date()): Promise<BillingSummary> {
  const month = monthStart(now);
  const id = context.workspace.id;
  const rated = await ratedThroughRecently();
  // When this month's stored charges end where the balance's do (the rater is not behind the
  // month's start), the month and the balance share one live rating of the same usage, whose
  // prices are looked up while the usage is summed.
  let shared: SharedReads = { rated };
  if (rated !== null && rated >= month) {
    const from = liveFrom(rated, now);
    const plans = new Map([[id, context.workspace.planId]]);
    const prices: PriceCache = new Map();
    for (let hour = floorHour(from).getTime(), n = 0; hour < now.getTime() && n < 3; hour += HOUR_MS, n++) {
      void cachedPrices(prices, context.workspace.planId, new Date(hour)).catch(() => undefined);
    }
    shared = { rated, live: aggregateUsage(from, now, [id]).then((groups) => rateGroups(groups, { plans, prices })) };
  }
  const [lines, standing] = await Promise.all([
    chargeGroups(id, month, now, "daily", shared),
    standings(now, [id], shared).then((all) => all.get(id)!),
  ]);
  const byResource = new Map<string, bigint>();
  const bySubject = new Map<string, bigint>();
  const breakdown = new Map<string, { line: ChargeGroup; quantity: bigint; amount: bigint }>();
  const days = new Map<string, { total: bigint; byResource: Map<string, bigint>; bySubject: Map<string, bigint> }>();
  for (const line of lines) {
    add(byResource, line.resource, line.amountMicros);
    const subject = subjectLabel(line.subjectKind, line.subjectName);
    add(bySubject, `${line.subjectKind}\u0000${line.subjectName}`, line.amountMicros);
    const key = [line.subjectKind, line.subjectName, line.resource, line.runtimeClass].join("\u0000");
    const row = breakdown.get(key) ?? { line, quantity: 0n, amount: 0n };
    row.quantity += line.quantityMinutes;
    row.amount += line.amountMicros;
    breakdown.set(key, row);
    const day = line.period;
    const d = days.get(day) ?? { total: 0n, byResource: new Map(), bySubject: new Map() };
    d.total += line.amountMicros;
    add(d.byResource, line.resource, line.amountMicros);
    add(d.bySubject, subject, line.amountMicros);
    days.set(day, d);
  }
  const daily: BillingSummary["daily"] = [];
  for (let t = month.getTime(); t <= floorHour(now).getTime(); t += DAY_MS) {
    const day = new Date(t).toISOString().slice(0, 10);
    const d = days.get(day);
    daily.push({
      day,
      total: Number(d?.total ?? 0n),
      byResource: Object.fromEntries([...(d?.byResource ?? [])].map(([k, v]) => [k, Number(v)])),
      bySubject: Object.fromEntries([...(d?.bySubject ?? [])].map(([k, v]) => [k, Number(v)])),
    });
  }
  const monthCost = lines.reduce((sum, l) => sum + l.amountMicros, 0n);
  return {
    month: monthKey(month),
    asOf: now.toISOString(),
    monthCost: money(monthCost),
    credits: money(standing.credits),
    balance: money(standing.balance),
    budget: standing.budget
      ? {
          limit: money(standing.budget.limitMicros),
          hardLimit: standing.budget.hardLimit,
          percent:
            standing.budget.limitMicros > 0n ? Number((monthCost * 1000n) / standing.budget.limitMicros) / 10 : 0,
        }
      : null,
    hold: standing.hold ? { reason: standing.hold, message: refusalMessage(standing) } : null,
    byResource: CHARGE_RESOURCES.filter((r) => byResource.has(r)).map((r) => ({
      resource: r,
      label: RESOURCE_LABELS[r],
      amount: money(byResource.get(r)!),
    })),
    byRuntime: [...bySubject]
      .sort((a, b) => (a[1] === b[1] ? a[0].localeCompare(b[0]) : a[1] > b[1] ? -1 : 1))
      .map(([key, amount]) => {
        const [kind, name] = key.split("\u0000") as ["RUNTIME" | "VOLUME", string];
        return { subject: name, subjectKind: kind, amount: money(amount) };
      }),
    daily,
    breakdown: [...breakdown.values()]
      .sort((a, b) => (a.amount === b.amount ? 0 : a.amount > b.amount ? -1 : 1))
      .map(({ line, quantity, amount }) => ({
        subjectKind: line.subjectKind,
        subject: line.subjectName,
        resource: line.resource,
        resourceLabel: RESOURCE_LABELS[line.resource],
        runtimeClass: line.runtimeClass,
        quantity: describeQuantity(line.resource, quantity),
        amount: money(amount),
      })),
  };
}
