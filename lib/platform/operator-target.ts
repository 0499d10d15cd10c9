import type { Prisma } from "@/lib/db/generated/client";
import { AppError } from "@/lib/errors/app-error";

// The workspace an operator acts on, read inside the action's transaction with its row
// locked, so two operators' changes to one workspace happen one after the other. A deleted
// (or deleting) workspace is "not found": nothing is changed on it.

export interface OperatorTarget {
  id: string;
  slug: string;
  planId: string;
}

export async function lockOperatorTarget(tx: Prisma.TransactionClient, workspaceId: string): Promise<OperatorTarget> {
  const rows = await tx.$queryRaw<{ id: string; slug: string; plan_id: string }[]>`
    SELECT id, slug, plan_id FROM workspaces
     WHERE id = ${workspaceId} AND deleted_at IS NULL AND status <> 'DELETING'
       FOR UPDATE`;
  const row = rows[0];
  if (!row) throw AppError.notFound("That workspace");
  return { id: row.id, slug: row.slug, planId: row.plan_id };
}
