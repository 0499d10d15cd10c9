import type { Prisma } from "@/lib/db/generated/client";
import { db } from "@/lib/db/client";
import type { Actor } from "@/lib/authz/context";
import { auditEnvironment } from "@/lib/audit/audit-environment";

export interface AuditEntry {
  workspaceId: string | null;
  actor: Actor | null;
  action: string;
  outcome: "SUCCESS" | "DENIED" | "FAILED";
  targetType?: string;
  targetId?: string;
  details?: Prisma.InputJsonObject;
  /**
   * The environment the request acted in (the context's); filed under it when the action
   * acts inside one environment, or when it is not the default one (lib/audit/audit-environment.ts).
   */
  environment?: string | null;
  /** Where the request came from, when there is no actor to say so (a sign-in attempt). */
  clientAddress?: string | null;
}

type Tx = Pick<Prisma.TransactionClient, "auditEvent">;

/** The audit_events row of an entry, as recordAudit writes it. */
export function auditEventData(entry: AuditEntry) {
  return {
    workspaceId: entry.workspaceId,
    actorId: entry.actor?.userId ?? null,
    clientAddress: entry.actor?.clientAddress ?? entry.clientAddress ?? null,
    action: entry.action,
    outcome: entry.outcome,
    targetType: entry.targetType ?? null,
    targetId: entry.targetId ?? null,
    environment: auditEnvironment(entry.action, entry.environment),
    // Done with an API token: which one (its id; the list names it).
    details: (entry.actor?.apiToken
      ? { ...entry.details, apiTokenId: entry.actor.apiToken.id }
      : (entry.details ?? {})) satisfies Prisma.InputJsonObject,
  };
}

/**
 * Appends one audit event. Pass the transaction of the mutation it records, so that the
 * event exists exactly when the change does.
 */
export async function recordAudit(entry: AuditEntry, tx: Tx = db()): Promise<void> {
  await tx.auditEvent.create({ data: auditEventData(entry) });
}
