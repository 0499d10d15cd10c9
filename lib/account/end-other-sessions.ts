import type { Actor } from "@/lib/authz/context";
import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";

/**
 * Signs the user out everywhere but here: deletes their other session rows (database
 * sessions, so those browsers are signed out at their next request). Returns how many.
 */
export async function endOtherSessions(actor: Actor, currentSessionToken: string | null): Promise<number> {
  // Without the current session's token, "every other" cannot be told apart from "all".
  if (!currentSessionToken) throw new AppError("UNAUTHENTICATED", "Your session has ended. Please sign in again.");
  const { count } = await db().session.deleteMany({
    where: { userId: actor.userId, sessionToken: { not: currentSessionToken } },
  });
  await recordAudit({
    workspaceId: null,
    actor,
    action: "account.endOtherSessions",
    outcome: "SUCCESS",
    details: { sessions: count },
  });
  return count;
}
