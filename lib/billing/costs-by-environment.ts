import type { WorkspaceContext } from "@/lib/authz/context";
import { aggregateUsage, rateGroups } from "@/lib/billing/rating";
import { sumMicros, type Micros } from "@/lib/billing/money";
import { db } from "@/lib/db/client";
import { ledgerRetainedFrom } from "@/lib/metering/ledger-retention";
import { monthStart, nextMonth } from "@/lib/time/utc";

// A month's cost split by environment. Charges are kept per runtime or volume, not per
// namespace, so the split is rated from the meter's minutes, grouped by the namespace each
// object was metered in (usage_objects.namespace): the same prices and the same function as
// the bill, one rounding per hour, resource and object name within the namespace. It can
// differ from the month's charges by those roundings (a micro-unit or so per hour where a
// name runs in two environments at once). A deleted environment's namespace keeps its share,
// named by its namespace.

export interface EnvironmentCost {
  /** The environment's name, or null for a namespace no environment names any more. */
  environment: string | null;
  displayName: string;
  namespace: string;
  amountMicros: Micros;
}

export interface CostsByEnvironment {
  from: Date;
  to: Date;
  environments: EnvironmentCost[];
  totalMicros: Micros;
  /** Set when the meter no longer keeps the month's first minutes (retention): the split covers from then on. */
  coveredFrom: Date | null;
}

export async function costsByEnvironment(
  context: WorkspaceContext,
  month: Date,
  now: Date = new Date(),
): Promise<CostsByEnvironment> {
  const workspaceId = context.workspace.id;
  const start = monthStart(month);
  const end = nextMonth(start) > now ? now : nextMonth(start);
  const [retained, environments, metered] = await Promise.all([
    ledgerRetainedFrom(),
    db().workspaceNamespace.findMany({
      where: { workspaceId },
      select: { environment: true, displayName: true, name: true },
      orderBy: { createdAt: "asc" },
    }),
    db().usageObject.findMany({ where: { workspaceId }, distinct: ["namespace"], select: { namespace: true } }),
  ]);
  const from = retained && retained > start ? retained : start;
  const namespaces = [...new Set([...environments.map((e) => e.name), ...metered.map((m) => m.namespace)])];
  const rows = await Promise.all(
    namespaces.map(async (namespace): Promise<EnvironmentCost> => {
      const lines = from < end ? await rateGroups(await aggregateUsage(from, end, [workspaceId], namespace)) : [];
      const environment = environments.find((e) => e.name === namespace);
      return {
        environment: environment?.environment ?? null,
        displayName: environment?.displayName ?? `${namespace} (deleted)`,
        namespace,
        amountMicros: sumMicros(lines.map((l) => l.amountMicros)),
      };
    }),
  );
  return {
    from: start,
    to: end,
    // A deleted environment only while it has cost in the month.
    environments: rows.filter((r) => r.environment !== null || r.amountMicros !== 0n),
    totalMicros: sumMicros(rows.map((r) => r.amountMicros)),
    coveredFrom: from > start ? from : null,
  };
}
