import { z } from "zod";
import { recordAudit } from "@/lib/audit/record";
import { env } from "@/lib/config/env";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { AppError } from "@/lib/errors/app-error";
import type { Micros } from "@/lib/billing/money";

// The credit ledger: append-only entries per workspace. Each workspace gets the sign-up
// credit once, keyed "signup:<workspace id>": its plan's (plans.signup_credit_micros), else
// the installation's (CANOPY_SIGNUP_CREDIT_MICROS); operators add grants
// (scripts/grant-credit.ts). The balance is credits minus charges (lib/billing/standing).

/** Gives the sign-up credit to each workspace (all live ones if none named) that lacks it. */
export async function ensureSignupCredits(workspaceIds?: string[]): Promise<number> {
  const fallback = env().CANOPY_SIGNUP_CREDIT_MICROS;
  return db().$executeRaw`
    INSERT INTO credit_entries (id, workspace_id, kind, amount_micros, note, granted_by, idempotency_key, created_at)
    SELECT 'signup-' || w.id, w.id, 'SIGNUP', COALESCE(p.signup_credit_micros, ${fallback}::bigint),
           'Sign-up credit', 'system', 'signup:' || w.id, w.created_at
      FROM workspaces w
      JOIN plans p ON p.id = w.plan_id
     WHERE w.deleted_at IS NULL
       AND COALESCE(p.signup_credit_micros, ${fallback}::bigint) > 0
       AND (${workspaceIds ?? null}::text[] IS NULL OR w.id = ANY(${workspaceIds ?? null}::text[]))
    ON CONFLICT DO NOTHING`;
}

/**
 * Credit per workspace, counting the sign-up credit of a live workspace that has not been
 * written yet (the enforcement pass writes it): a read never has to write first.
 */
export async function creditTotals(workspaceIds?: string[]): Promise<Map<string, Micros>> {
  const fallback = env().CANOPY_SIGNUP_CREDIT_MICROS;
  const ids = workspaceIds ?? null;
  const rows = await db().$queryRaw<{ id: string; total: string }[]>`
    SELECT w.id,
           (COALESCE(SUM(c.amount_micros), 0)
            + CASE WHEN w.deleted_at IS NULL AND NOT COALESCE(bool_or(c.kind = 'SIGNUP'), false)
                   THEN GREATEST(COALESCE(p.signup_credit_micros, ${fallback}::bigint), 0) ELSE 0 END)::text AS total
      FROM workspaces w
      JOIN plans p ON p.id = w.plan_id
      LEFT JOIN credit_entries c ON c.workspace_id = w.id
     WHERE (${ids}::text[] IS NULL OR w.id = ANY(${ids}::text[]))
     GROUP BY w.id, p.signup_credit_micros`;
  return new Map(rows.map((r) => [r.id, BigInt(r.total)] as const));
}

export async function listCredits(workspaceId: string) {
  return db().creditEntry.findMany({
    where: { workspaceId },
    orderBy: { createdAt: "desc" },
    take: 100,
    select: { id: true, kind: true, amountMicros: true, note: true, grantedBy: true, createdAt: true },
  });
}

export const grantCreditInput = z.object({
  workspaceSlug: z.string().trim().min(1),
  amountMicros: z.bigint().refine((v) => v !== 0n, "The amount cannot be zero."),
  kind: z.enum(["GRANT", "ADJUSTMENT"]).default("GRANT"),
  note: z.string().trim().max(200).default(""),
  grantedBy: z.string().trim().min(1).max(100),
  /** Makes a retried grant a no-op. */
  idempotencyKey: z.string().trim().min(1).max(200).optional(),
});

/**
 * An operator's grant (or, negative, an adjustment), audited with the entry; `also` runs in the
 * entry's transaction (the operator console's own audit event). With a key, a retry (even one
 * racing the first) finds the first entry and adds nothing.
 */
export async function grantCredit(
  input: z.input<typeof grantCreditInput>,
  also?: (tx: Prisma.TransactionClient, entry: { id: string; workspaceId: string }) => Promise<void>,
): Promise<{ id: string; created: boolean }> {
  const value = grantCreditInput.parse(input);
  const workspace = await db().workspace.findFirst({
    where: { slug: value.workspaceSlug, deletedAt: null },
    select: { id: true },
  });
  if (!workspace) throw AppError.notFound("Workspace");
  if (value.kind === "GRANT" && value.amountMicros < 0n) {
    throw AppError.invalid("amountMicros", "A grant must be positive; use an adjustment to take credit back.");
  }
  if (value.idempotencyKey) {
    const existing = await db().creditEntry.findUnique({
      where: { idempotencyKey: value.idempotencyKey },
      select: { id: true },
    });
    if (existing) return { id: existing.id, created: false };
  }
  try {
    return await createEntry(workspace.id, value, also);
  } catch (error) {
    if (!value.idempotencyKey || !(error instanceof Prisma.PrismaClientKnownRequestError) || error.code !== "P2002")
      throw error;
    const first = await db().creditEntry.findUniqueOrThrow({
      where: { idempotencyKey: value.idempotencyKey },
      select: { id: true },
    });
    return { id: first.id, created: false };
  }
}

async function createEntry(
  workspaceId: string,
  value: z.output<typeof grantCreditInput>,
  also?: (tx: Prisma.TransactionClient, entry: { id: string; workspaceId: string }) => Promise<void>,
): Promise<{ id: string; created: boolean }> {
  const workspace = { id: workspaceId };
  return db().$transaction(async (tx) => {
    const entry = await tx.creditEntry.create({
      data: {
        workspaceId: workspace.id,
        kind: value.kind,
        amountMicros: value.amountMicros,
        note: value.note,
        grantedBy: value.grantedBy,
        idempotencyKey: value.idempotencyKey ?? null,
      },
      select: { id: true },
    });
    await recordAudit(
      {
        workspaceId: workspace.id,
        actor: null,
        action: "billing.credit",
        outcome: "SUCCESS",
        targetType: "credit",
        targetId: entry.id,
        details: { kind: value.kind, amountMicros: value.amountMicros.toString(), grantedBy: value.grantedBy },
      },
      tx,
    );
    await also?.(tx, { id: entry.id, workspaceId: workspace.id });
    return { id: entry.id, created: true };
  });
}
