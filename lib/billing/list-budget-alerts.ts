import type { WorkspaceContext } from "@/lib/authz/context";
import { db } from "@/lib/db/client";
import { monthStart } from "@/lib/time/utc";

/** The budget alerts sent this month, lowest threshold first. */
export async function listBudgetAlerts(context: WorkspaceContext, now: Date = new Date()) {
  return db().budgetAlert.findMany({
    where: { workspaceId: context.workspace.id, month: monthStart(now) },
    orderBy: { threshold: "asc" },
  });
}
