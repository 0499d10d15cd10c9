import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { platformOverview, startOfUtcMonth } from "@/lib/platform/platform-overview";
import { teamWorkspace } from "../../support/factories";

// The operator's overview counts from PostgreSQL, the cost rated this UTC month only, and
// the cluster's capacity against what this installation's quotas promise (read from the
// real API server). Counts are compared before and after, as the test database is shared.

describe("the platform overview", () => {
  it("counts a new workspace, its quota's promise and this month's cost (not last month's)", async () => {
    const now = new Date();
    const before = await platformOverview(now);
    expect(before.cluster.ok).toBe(true);

    const { workspace } = await teamWorkspace({ prefix: "ov" });
    const plan = await db().plan.findUniqueOrThrow({ where: { id: workspace.planId } });
    const thisMonth = new Date(Math.max(startOfUtcMonth(now).getTime(), now.getTime() - 3_600_000));
    thisMonth.setUTCMinutes(0, 0, 0);
    const lastMonth = new Date(startOfUtcMonth(now).getTime() - 3_600_000);
    const item = {
      resource: "CPU" as const,
      subjectKind: "RUNTIME" as const,
      quantityMinutes: 60n,
      unitPriceMicros: 1n,
    };
    await db().hourlyLineItem.createMany({
      data: [
        { ...item, workspaceId: workspace.id, hour: thisMonth, subjectName: "a", amountMicros: 1_234_567n },
        { ...item, workspaceId: workspace.id, hour: lastMonth, subjectName: "b", amountMicros: 9_000_000n },
      ],
    });

    const after = await platformOverview(now);
    expect(after.workspaces.total - before.workspaces.total).toBe(1);
    expect(after.workspaces.team - before.workspaces.team).toBe(1);
    expect(after.monthToDate.costMicros - before.monthToDate.costMicros).toBe(1_234_567n);
    expect(after.monthToDate.since.toISOString()).toMatch(/-01T00:00:00.000Z$/);

    if (!after.cluster.ok || !before.cluster.ok) throw new Error("the cluster was not read");
    const { capacity } = after.cluster;
    expect(capacity.nodes).toBeGreaterThanOrEqual(1);
    expect(capacity.cpu.allocatable).toBeGreaterThan(0);
    expect(capacity.cpu.promised - before.cluster.capacity.cpu.promised).toBeCloseTo(plan.cpuMillis / 1000, 6);
    expect(capacity.memory.promised - before.cluster.capacity.memory.promised).toBe(plan.memoryMiB * 2 ** 20);
    expect(capacity.cpu.overcommit).toBeCloseTo(capacity.cpu.promised / capacity.cpu.allocatable, 9);
  });
});
