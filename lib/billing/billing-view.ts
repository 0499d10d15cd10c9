import { z } from "zod";
import type { WorkspaceContext } from "@/lib/authz/context";
import { AppError } from "@/lib/errors/app-error";
import { formatMoney, type Micros } from "@/lib/billing/money";
import {
  aggregateUsage,
  floorHour,
  monthStart,
  nextMonth,
  rateGroups,
  ratedThroughRecently,
  cachedPrices,
  HOUR_MS,
  type PriceCache,
  type ChargeResource,
} from "@/lib/billing/rating";
import { liveFrom, standings, type SharedReads } from "@/lib/billing/standing";
import { DAY_MS, floorDay } from "@/lib/billing/daily-charges";
import { refusalMessage } from "@/lib/billing/enforcement";
import { db } from "@/lib/db/client";

// What the billing pages show, as plain JSON (money as micro-unit strings plus a formatted
// text), computed from the same charge lines as the bill: stored hourly line items, then usage
// rated live up to now.

export const RESOURCE_LABELS: Record<ChargeResource, string> = {
  CPU: "CPU",
  MEMORY: "Memory",
  STORAGE: "Storage",
  ENDPOINT: "Public endpoints",
  RUNTIME_CLASS: "Runtime class surcharge",
};
export const CHARGE_RESOURCES = Object.keys(RESOURCE_LABELS) as ChargeResource[];

export interface Money {
  micros: string;
  text: string;
}

export function money(micros: Micros): Money {
  return { micros: micros.toString(), text: formatMoney(micros) };
}

/** A usage quantity in words: quantity-minutes of the resource's unit. */
export function describeQuantity(resource: ChargeResource, quantityMinutes: bigint): string {
  const hours = Number(quantityMinutes) / 60;
  const fmt = (n: number) => (n >= 100 ? n.toFixed(0) : n >= 1 ? n.toFixed(2) : n.toPrecision(2));
  switch (resource) {
    case "CPU":
    case "RUNTIME_CLASS":
      return `${fmt(hours / 1000)} vCPU-hours`;
    case "MEMORY":
      return `${fmt(hours / 2 ** 30)} GiB-hours`;
    case "STORAGE":
      return `${fmt(hours / 2 ** 30)} GiB-hours`;
    case "ENDPOINT":
      return `${fmt(hours)} endpoint-hours`;
  }
}

export const monthParam = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, "Use a month like 2026-11.")
  .optional();

/** "2026-11" → its first instant (UTC); the current month when absent. */
export function parseMonth(value: string | undefined, now = new Date()): Date {
  if (!value) return monthStart(now);
  const [y, m] = value.split("-").map(Number);
  return new Date(Date.UTC(y!, m! - 1, 1));
}

export function monthKey(month: Date): string {
  return month.toISOString().slice(0, 7);
}

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

export function subjectLabel(kind: "RUNTIME" | "VOLUME", name: string): string {
  return kind === "VOLUME" ? `volume ${name}` : name;
}

/**
 * Charge lines summed in PostgreSQL per period (a UTC day or hour) and per subject, resource
 * and runtime class: for a daily view, the daily rollups of whole days already rated; then
 * line items for the rated hours after them; then the live rating of the rest as single-hour
 * groups. Rows come in the order of the first line of each group (hour, resource, subject),
 * so maps built from them keep the line-by-line insertion order. Money stays integer: SUM of
 * bigint read as text.
 */
interface ChargeGroup {
  period: string;
  resource: ChargeResource;
  runtimeClass: string;
  subjectKind: "RUNTIME" | "VOLUME";
  subjectName: string;
  quantityMinutes: bigint;
  amountMicros: bigint;
  /** The unit price when every line of the group has the same one, else -1. */
  unitPriceMicros: bigint;
}

interface ChargeGroupRow {
  period: string;
  resource: ChargeResource;
  runtime_class: string;
  subject_kind: "RUNTIME" | "VOLUME";
  subject_name: string;
  quantity_minutes: string;
  amount_micros: string;
  unit_price_micros: string;
}

function laterOf(a: Date, b: Date): Date {
  return a > b ? a : b;
}

async function chargeGroups(
  workspaceId: string,
  from: Date,
  to: Date,
  granularity: "hourly" | "daily",
  shared: SharedReads = {},
): Promise<ChargeGroup[]> {
  const rated = shared.rated !== undefined ? shared.rated : await ratedThroughRecently();
  const split = rated === null ? from : rated < from ? from : rated > to ? to : rated;
  // Whole rated days come from the rollups; a daily view always starts at a day.
  const rollupEnd =
    granularity === "daily" && floorDay(from).getTime() === from.getTime() ? laterOf(from, floorDay(split)) : from;
  const format = granularity === "hourly" ? 'YYYY-MM-DD"T"HH24":00Z"' : "YYYY-MM-DD";
  // The three sources are independent: one round trip's wait for all.
  const [days, hours, live] = await Promise.all([
    rollupEnd > from
      ? db().$queryRaw<ChargeGroupRow[]>`
          SELECT to_char(day AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS period,
                 resource::text AS resource,
                 runtime_class,
                 subject_kind::text AS subject_kind,
                 subject_name,
                 quantity_minutes::text AS quantity_minutes,
                 amount_micros::text AS amount_micros,
                 unit_price_micros::text AS unit_price_micros
            FROM daily_charges
           WHERE workspace_id = ${workspaceId} AND day >= ${from} AND day < ${rollupEnd}
           ORDER BY first_hour, daily_charges.resource, subject_name`
      : [],
    split > rollupEnd
      ? db().$queryRaw<ChargeGroupRow[]>`
          SELECT to_char(hour AT TIME ZONE 'UTC', ${format}) AS period,
                 resource::text AS resource,
                 runtime_class,
                 subject_kind::text AS subject_kind,
                 subject_name,
                 SUM(quantity_minutes)::text AS quantity_minutes,
                 SUM(amount_micros)::text AS amount_micros,
                 (CASE WHEN MIN(unit_price_micros) = MAX(unit_price_micros)
                       THEN MIN(unit_price_micros) ELSE -1 END)::text AS unit_price_micros
            FROM hourly_line_items
           WHERE workspace_id = ${workspaceId} AND hour >= ${rollupEnd} AND hour < ${split}
           GROUP BY 1, resource, runtime_class, subject_kind, subject_name
           ORDER BY MIN(hour), hourly_line_items.resource, subject_name`
      : [],
    shared.live ?? aggregateUsage(split, to, [workspaceId]).then((groups) => rateGroups(groups)),
  ]);
  live.sort((a, b) => a.hour.getTime() - b.hour.getTime());
  return [
    ...[...days, ...hours].map((r) => ({
      period: r.period,
      resource: r.resource,
      runtimeClass: r.runtime_class,
      subjectKind: r.subject_kind,
      subjectName: r.subject_name,
      quantityMinutes: BigInt(r.quantity_minutes),
      amountMicros: BigInt(r.amount_micros),
      unitPriceMicros: BigInt(r.unit_price_micros),
    })),
    ...live.map((l) => ({
      period: granularity === "hourly" ? l.hour.toISOString().slice(0, 13) + ":00Z" : l.hour.toISOString().slice(0, 10),
      resource: l.resource,
      runtimeClass: l.runtimeClass,
      subjectKind: l.subjectKind,
      subjectName: l.subjectName,
      quantityMinutes: l.quantityMinutes,
      amountMicros: l.amountMicros,
      unitPriceMicros: l.unitPriceMicros,
    })),
  ];
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

export const usageDetailInput = z.object({
  month: monthParam,
  granularity: z.enum(["hourly", "daily"]).default("daily"),
  /** For the hourly view: one day (YYYY-MM-DD) of the month; the whole month in a CSV. */
  day: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "Use a day like 2026-11-21.")
    .optional(),
});

export interface DetailLine {
  period: string;
  resource: ChargeResource;
  runtimeClass: string;
  subjectKind: "RUNTIME" | "VOLUME";
  subject: string;
  quantityMinutes: bigint;
  unitPriceMicros: bigint;
  amountMicros: bigint;
}

/** Charge lines per hour, or summed per day, over a month (or one day of it). */
export async function usageDetail(
  context: WorkspaceContext,
  input: z.output<typeof usageDetailInput>,
  now: Date = new Date(),
): Promise<{ from: Date; to: Date; lines: DetailLine[] }> {
  let from = parseMonth(input.month, now);
  let to = nextMonth(from);
  if (input.day) {
    const day = new Date(`${input.day}T00:00:00Z`);
    if (Number.isNaN(day.getTime()) || day < from || day >= to)
      throw AppError.invalid("day", "Pick a day of that month.");
    from = day;
    to = new Date(day.getTime() + DAY_MS);
  }
  const end = to > now ? now : to;
  const groups = from < end ? await chargeGroups(context.workspace.id, from, end, input.granularity) : [];
  const grouped = new Map<string, DetailLine>();
  for (const l of groups) {
    const key = [l.period, l.resource, l.runtimeClass, l.subjectKind, l.subjectName].join("\u0000");
    const row = grouped.get(key);
    if (row) {
      // A stored group and live lines of the same day.
      row.quantityMinutes += l.quantityMinutes;
      row.amountMicros += l.amountMicros;
      if (row.unitPriceMicros !== l.unitPriceMicros) row.unitPriceMicros = -1n; // several prices that day
    } else {
      grouped.set(key, {
        period: l.period,
        resource: l.resource,
        runtimeClass: l.runtimeClass,
        subjectKind: l.subjectKind,
        subject: l.subjectName,
        quantityMinutes: l.quantityMinutes,
        unitPriceMicros: l.unitPriceMicros,
        amountMicros: l.amountMicros,
      });
    }
  }
  return {
    from,
    to,
    lines: [...grouped.values()].sort(
      (a, b) =>
        a.period.localeCompare(b.period) || a.subject.localeCompare(b.subject) || a.resource.localeCompare(b.resource),
    ),
  };
}

export async function listStatements(context: WorkspaceContext) {
  return db().statement.findMany({
    where: { workspaceId: context.workspace.id },
    orderBy: { month: "desc" },
    select: { id: true, month: true, totalMicros: true, issuedAt: true },
  });
}

export async function getStatement(context: WorkspaceContext, month: Date) {
  const statement = await db().statement.findUnique({
    where: { workspaceId_month: { workspaceId: context.workspace.id, month } },
    include: { lines: { orderBy: [{ subjectName: "asc" }, { resource: "asc" }] } },
  });
  if (!statement) throw AppError.notFound("Statement");
  return statement;
}

export async function listBudgetAlerts(context: WorkspaceContext, now: Date = new Date()) {
  return db().budgetAlert.findMany({
    where: { workspaceId: context.workspace.id, month: monthStart(now) },
    orderBy: { threshold: "asc" },
  });
}
