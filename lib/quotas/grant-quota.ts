import type { Prisma } from "@/lib/db/generated/client";
import { quotaKeySpec, type OverridableField, type QuotaKey } from "@/lib/quotas/quota-keys";
import type { QuotaAmounts } from "@/lib/quotas/quota-request-input";

// Writes granted limits into the workspace's quota override, inside the decision's
// transaction; keys not granted keep whatever override they had. The cluster follows when
// the caller provisions the workspace after commit (and the reconciler, should that fail).

export async function writeQuotaOverride(
  tx: Prisma.TransactionClient,
  workspaceId: string,
  granted: QuotaAmounts,
): Promise<void> {
  const fields: Partial<Record<OverridableField, number>> = {};
  for (const [key, amount] of Object.entries(granted) as [QuotaKey, number][]) {
    fields[quotaKeySpec(key).field] = amount;
  }
  await tx.workspaceQuotaOverride.upsert({
    where: { workspaceId },
    create: { workspaceId, ...fields },
    update: fields,
  });
}

/** The request's lines get their granted amounts. */
export async function writeGrantedLines(
  tx: Prisma.TransactionClient,
  requestId: string,
  granted: QuotaAmounts,
): Promise<void> {
  await Promise.all(
    (Object.entries(granted) as [QuotaKey, number][]).map(([key, amount]) =>
      tx.quotaRequestLine.update({ where: { requestId_key: { requestId, key } }, data: { granted: amount } }),
    ),
  );
}
