import { db } from "@/lib/db/client";
import { divideRounded, type Micros } from "@/lib/billing/money";
import { HOURS_PER_MONTH, pricesAt, type PlanPrices } from "@/lib/billing/prices";
import { rebuildDailyCharges } from "@/lib/billing/daily-charges";
import { ledgerRetainedFrom } from "@/lib/metering/ledger-retention";

// Rating: usage rows become hourly line items, one per workspace, hour, resource and runtime
// (or volume), priced at the plan's price in force at the start of the hour and rounded
// once. Everything is integer: quantity-minutes in the usage unit, money in micro-units.

export type ChargeResource = "CPU" | "MEMORY" | "STORAGE" | "ENDPOINT" | "RUNTIME_CLASS" | "EGRESS";
export type ChargeSubject = "RUNTIME" | "VOLUME";

const GIB = 1024n ** 3n;

export interface UsageGroup {
  workspaceId: string;
  hour: Date;
  /** The usage resource (CPU, MEMORY, STORAGE, ENDPOINT, EGRESS). */
  resource: Exclude<ChargeResource, "RUNTIME_CLASS">;
  runtimeClass: string;
  subjectKind: ChargeSubject;
  subjectName: string;
  quantityMinutes: bigint;
}

export interface RatedLine {
  workspaceId: string;
  hour: Date;
  resource: ChargeResource;
  runtimeClass: string;
  subjectKind: ChargeSubject;
  subjectName: string;
  quantityMinutes: bigint;
  unitPriceMicros: Micros;
  amountMicros: Micros;
}

/**
 * One line's amount. Prices are per vCPU-hour (CPU and runtime-class surcharge, quantity in
 * millicore-minutes), per GiB-hour (memory, byte-minutes), per GiB-month of 730 hours
 * (storage, byte-minutes), per endpoint-hour (endpoint-minutes) and per GiB sent (egress, whose
 * quantity is bytes, not byte-minutes). One rounding, half away from zero.
 */
export function amountFor(resource: ChargeResource, quantityMinutes: bigint, unitPrice: Micros): Micros {
  const numerator = quantityMinutes * unitPrice;
  switch (resource) {
    case "CPU":
    case "RUNTIME_CLASS":
      return divideRounded(numerator, 1000n * 60n);
    case "MEMORY":
      return divideRounded(numerator, GIB * 60n);
    case "STORAGE":
      return divideRounded(numerator, GIB * 60n * HOURS_PER_MONTH);
    case "ENDPOINT":
      return divideRounded(numerator, 60n);
    case "EGRESS":
      return divideRounded(numerator, GIB);
  }
}

function unitPrice(prices: PlanPrices, resource: Exclude<ChargeResource, "RUNTIME_CLASS">): Micros {
  switch (resource) {
    case "CPU":
      return prices.cpuCoreHour;
    case "MEMORY":
      return prices.memoryGibHour;
    case "STORAGE":
      return prices.storageGibMonth;
    case "ENDPOINT":
      return prices.endpointHour;
    case "EGRESS":
      return prices.egressGib;
  }
}

/**
 * Usage summed per workspace, hour, resource and runtime or volume over [from, to); with
 * `namespace`, only the objects metered in that namespace (one environment's share).
 */
export async function aggregateUsage(
  from: Date,
  to: Date,
  workspaceIds?: string[],
  namespace?: string,
): Promise<UsageGroup[]> {
  if (to <= from) return [];
  const rows = await db().$queryRaw<
    {
      workspace_id: string;
      hour: Date;
      resource: UsageGroup["resource"];
      runtime_class: string;
      subject_kind: ChargeSubject;
      subject_name: string;
      quantity_minutes: string;
    }[]
  >`
    WITH per_object AS (
      SELECT object_id,
             date_trunc('hour', minute AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS hour,
             SUM(cpu) AS cpu, SUM(memory) AS memory, SUM(storage) AS storage,
             SUM(endpoint) AS endpoint, SUM(egress) AS egress
        FROM usage_ledger
       WHERE minute >= ${from} AND minute < ${to}
         AND (${workspaceIds ?? null}::text[] IS NULL
              OR object_id IN (SELECT id FROM usage_objects WHERE workspace_id = ANY(${workspaceIds ?? null}::text[])))
         AND (${namespace ?? null}::text IS NULL
              OR object_id IN (SELECT id FROM usage_objects WHERE namespace = ${namespace ?? null}::text))
       GROUP BY 1, 2
    )
    SELECT o.workspace_id,
           p.hour,
           r.resource,
           o.runtime_class,
           CASE WHEN o.object_kind = 'PVC' THEN 'VOLUME' ELSE 'RUNTIME' END AS subject_kind,
           CASE WHEN o.object_kind = 'PVC' THEN o.object_name ELSE o.runtime_name END AS subject_name,
           SUM(r.quantity)::text AS quantity_minutes
      FROM per_object p
      JOIN usage_objects o ON o.id = p.object_id
     CROSS JOIN LATERAL (VALUES ('CPU', p.cpu), ('MEMORY', p.memory), ('STORAGE', p.storage),
                                ('ENDPOINT', p.endpoint), ('EGRESS', p.egress)) AS r(resource, quantity)
     WHERE r.quantity IS NOT NULL
     GROUP BY 1, 2, 3, 4, 5, 6`;
  return rows.map((r) => ({
    workspaceId: r.workspace_id,
    hour: r.hour,
    resource: r.resource,
    runtimeClass: r.runtime_class,
    subjectKind: r.subject_kind,
    subjectName: r.subject_name,
    quantityMinutes: BigInt(r.quantity_minutes),
  }));
}

/** Plan prices per plan and hour, looked up once (and possibly ahead of the usage they price). */
export type PriceCache = Map<string, Promise<PlanPrices>>;

export function cachedPrices(cache: PriceCache, planId: string, hour: Date): Promise<PlanPrices> {
  const key = `${planId}@${hour.toISOString()}`;
  let prices = cache.get(key);
  if (!prices) cache.set(key, (prices = pricesAt(planId, hour)));
  return prices;
}

/**
 * Prices each group at its workspace plan's prices in force at the start of its hour. A
 * caller that already knows the workspaces' plans, or has started the price lookups, passes
 * them and saves the round trips.
 */
export async function rateGroups(
  groups: UsageGroup[],
  known: { plans?: Map<string, string>; prices?: PriceCache } = {},
): Promise<RatedLine[]> {
  if (groups.length === 0) return [];
  const ids = [...new Set(groups.map((g) => g.workspaceId))];
  const knownPlans = known.plans;
  const planOf =
    knownPlans && ids.every((id) => knownPlans.has(id))
      ? knownPlans
      : new Map(
          (await db().workspace.findMany({ where: { id: { in: ids } }, select: { id: true, planId: true } })).map(
            (w) => [w.id, w.planId] as const,
          ),
        );
  const priceCache: PriceCache = known.prices ?? new Map();
  const prices = (planId: string, hour: Date) => cachedPrices(priceCache, planId, hour);
  const lines: RatedLine[] = [];
  for (const group of groups) {
    const planId = planOf.get(group.workspaceId);
    if (!planId) continue;
    const plan = await prices(planId, group.hour);
    const price = unitPrice(plan, group.resource);
    lines.push({
      ...group,
      unitPriceMicros: price,
      amountMicros: amountFor(group.resource, group.quantityMinutes, price),
    });
    // The runtime-class surcharge, only where the plan sets a price for the class.
    const surcharge = group.resource === "CPU" ? plan.runtimeClassCoreHour[group.runtimeClass] : undefined;
    if (surcharge !== undefined) {
      lines.push({
        ...group,
        resource: "RUNTIME_CLASS",
        unitPriceMicros: surcharge,
        amountMicros: amountFor("RUNTIME_CLASS", group.quantityMinutes, surcharge),
      });
    }
  }
  return lines;
}

/** Rates [from, to) (whole hours) and replaces the stored line items of those hours and their days' rollups. */
export async function rateRange(from: Date, to: Date, workspaceIds?: string[]): Promise<number> {
  // Hours whose raw minutes retention dropped keep their lines: rating them again would erase them.
  const retainedFrom = await ledgerRetainedFrom();
  if (retainedFrom && from < retainedFrom) {
    throw new Error(
      `cannot rate from ${from.toISOString()}: the ledger keeps minutes from ${retainedFrom.toISOString()}`,
    );
  }
  const lines = await rateGroups(await aggregateUsage(from, to, workspaceIds));
  await db().$transaction(async (tx) => {
    // One rater at a time, so two workers replacing the same hours cannot interleave.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('canopy-rating'))`;
    await tx.hourlyLineItem.deleteMany({
      where: { hour: { gte: from, lt: to }, ...(workspaceIds ? { workspaceId: { in: workspaceIds } } : {}) },
    });
    if (lines.length > 0) await tx.hourlyLineItem.createMany({ data: lines });
    await rebuildDailyCharges(tx, from, to, workspaceIds);
  });
  return lines.length;
}

export const RATING_CURSOR = "rate";

/** The end of the last hour turned into line items (hours before it are stored). */
export async function ratedThrough(): Promise<Date | null> {
  const row = await db().meteringProgress.findUnique({ where: { id: RATING_CURSOR }, select: { position: true } });
  return row?.position ?? null;
}

let recentCursor: { value: Date | null; readAt: number } | null = null;

/**
 * The rating cursor as read at most a few seconds ago, for pages. Safe because any past
 * cursor splits charges into the same sum: hours before it are read as stored line items,
 * hours after it are rated live from the same usage by the same function. The cursor only
 * moves forward, so a recent value only makes the live part a little longer.
 */
export async function ratedThroughRecently(maxAgeMs = 5_000): Promise<Date | null> {
  const now = Date.now();
  if (recentCursor && now - recentCursor.readAt < maxAgeMs) return recentCursor.value;
  const value = await ratedThrough();
  recentCursor = { value, readAt: now };
  return value;
}
