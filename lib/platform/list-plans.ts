import { db } from "@/lib/db/client";

/** The plans, by name: the operator's filters and the plan change's choices. */
export function listPlans(): Promise<{ id: string; name: string }[]> {
  return db().plan.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } });
}
