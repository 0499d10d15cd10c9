import type { MeteredKind, MeteredObject, UsageResource } from "@/lib/metering/metered-object";
import { MINUTE_MS } from "@/lib/time/utc";

// The one metering rule, as a pure function of what the informers know: an object is billed
// for a minute when it was using the resource at the minute's END, the instant minute + 60 s.
// So a pod is billed from the minute it started in (one started at 10:00:20 pays for 10:00)
// up to the last minute that ended while it ran (deleted at 10:17:00 or 10:17:40: its last is
// 10:16): its minutes are floor(end) − floor(start), within a minute of the time it ran
// and never biased either way. The started minute is final once it ends, so a new pod's first
// row is written within a minute of its start (docs/metering.md, "Which minutes"). A pending
// pod has no running container and is never billed. Quantities of several containers (or
// runs) add up per resource.

export interface UsageRow {
  objectUid: string;
  resource: UsageResource;
  minute: Date;
  workspaceId: string;
  objectKind: MeteredKind;
  namespace: string;
  objectName: string;
  runtimeName: string;
  runtimeClass: string;
  quantity: bigint;
}

/** The usage rows of one whole minute. `minute` must be the start of a minute. */
export function meterMinute(minute: Date, objects: Iterable<MeteredObject>): UsageRow[] {
  const start = minute.getTime();
  if (start % MINUTE_MS !== 0) throw new RangeError(`not the start of a minute: ${minute.toISOString()}`);
  const end = start + MINUTE_MS;
  const rows: UsageRow[] = [];
  for (const object of objects) {
    const totals = new Map<UsageResource, bigint>();
    for (const span of object.spans) {
      const covers = span.from.getTime() < end && (span.to === null || span.to.getTime() >= end);
      if (covers && span.quantity > 0n) totals.set(span.resource, (totals.get(span.resource) ?? 0n) + span.quantity);
    }
    for (const [resource, quantity] of totals) {
      rows.push({
        objectUid: object.uid,
        resource,
        minute: new Date(start),
        workspaceId: object.workspaceId,
        objectKind: object.kind,
        namespace: object.namespace,
        objectName: object.name,
        runtimeName: object.runtimeName,
        runtimeClass: object.runtimeClass,
        quantity,
      });
    }
  }
  return rows;
}
