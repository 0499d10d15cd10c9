import { aggregateUsage, rateGroups, ratedThroughRecently, type ChargeResource } from "@/lib/billing/rating";
import type { SharedReads } from "@/lib/billing/standing";
import { db } from "@/lib/db/client";
import { floorDay, laterOf } from "@/lib/time/utc";

/**
 * Charge lines summed in PostgreSQL per period (a UTC day or hour) and per subject, resource
 * and runtime class: for a daily view, the daily rollups of whole days already rated; then
 * line items for the rated hours after them; then the live rating of the rest as single-hour
 * groups. Rows come in the order of the first line of each group (hour, resource, subject),
 * so maps built from them keep the line-by-line insertion order. Money stays integer: SUM of
 * bigint read as text.
 */
export interface ChargeGroup {
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

export async function chargeGroups(
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
