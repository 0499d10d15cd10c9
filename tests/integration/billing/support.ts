import { randomBytes } from "node:crypto";
import { db } from "@/lib/db/client";
import type { UsageRow } from "@/lib/metering/meter-minute";
import { addMinutes } from "@/lib/time/utc";

/** A plan of the test's own, so prices can change without touching the seeded plans. */
export async function testPlan(prices: { resource: string; runtimeClass?: string; micros: bigint; from: Date }[]) {
  const id = `test-plan-${randomBytes(4).toString("hex")}`;
  const base = await db().plan.findUniqueOrThrow({ where: { id: "team" } });
  await db().plan.create({
    data: {
      ...base,
      id,
      name: `Test ${id}`,
      createdAt: undefined,
      updatedAt: undefined,
    },
  });
  await db().price.createMany({
    data: prices.map((p) => ({
      planId: id,
      resource: p.resource as "CPU_CORE_HOUR",
      runtimeClass: p.runtimeClass ?? "",
      unitPriceMicros: p.micros,
      effectiveFrom: p.from,
    })),
  });
  return id;
}

/** Usage rows for one object over consecutive minutes, as the meter would write them. */
export function rowsFor(
  workspaceId: string,
  object: Partial<UsageRow> & Pick<UsageRow, "objectUid" | "resource" | "quantity">,
  from: Date,
  minutes: number,
): UsageRow[] {
  const rows: UsageRow[] = [];
  for (let i = 0; i < minutes; i++) {
    rows.push({
      workspaceId,
      objectKind: object.resource === "STORAGE" ? "PVC" : object.resource === "ENDPOINT" ? "ENDPOINT" : "POD",
      namespace: "ns",
      objectName: object.objectName ?? object.objectUid,
      runtimeName: object.runtimeName ?? "",
      runtimeClass: object.runtimeClass ?? "",
      ...object,
      minute: addMinutes(from, i),
    });
  }
  return rows;
}
