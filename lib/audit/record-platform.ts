import type { Prisma } from "@/lib/db/generated/client";
import { db } from "@/lib/db/client";
import type { Actor } from "@/lib/authz/context";

// The platform audit log (platform_audit_events): every operator action and every refusal of
// the platform guard. A table of its own, so no workspace's owners ever read it; only
// platform administrators do (lib/platform/list-platform-audit.ts).

export interface PlatformAuditEntry {
  actor: Actor | null;
  action: string;
  outcome: "SUCCESS" | "DENIED" | "FAILED";
  targetType?: string;
  targetId?: string;
  details?: Prisma.InputJsonObject;
}

type Tx = Pick<Prisma.TransactionClient, "platformAuditEvent">;

/** Appends one event; pass the transaction of the change it records. */
export async function recordPlatformAudit(entry: PlatformAuditEntry, tx: Tx = db()): Promise<void> {
  await tx.platformAuditEvent.create({
    data: {
      actorId: entry.actor?.userId ?? null,
      clientAddress: entry.actor?.clientAddress ?? null,
      action: entry.action,
      outcome: entry.outcome,
      targetType: entry.targetType ?? null,
      targetId: entry.targetId ?? null,
      details: entry.details ?? {},
    },
  });
}
