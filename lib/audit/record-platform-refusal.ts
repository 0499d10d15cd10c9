import type { PlatformContext } from "@/lib/authz/context";
import { recordPlatformAudit } from "@/lib/audit/record-platform";
import { AppError, type AppErrorCode } from "@/lib/errors/app-error";
import { componentLogger } from "@/lib/observability/logger";

const log = componentLogger("audit");

// Refusals an administrator meets after the platform guard let them in (revoking the last
// administrator, disabling oneself): recorded as DENIED in the platform audit log, like
// lib/audit/record-refusal.ts does for workspaces. The guard records its own refusals.
const REFUSALS: ReadonlySet<AppErrorCode> = new Set(["CONFLICT", "FORBIDDEN", "QUOTA_EXCEEDED", "LIMIT_REACHED"]);

/** Records `error` as a DENIED event of `action` when it is a refusal; never throws. */
export async function recordPlatformRefusal(context: PlatformContext, action: string, error: unknown): Promise<void> {
  if (!(error instanceof AppError) || !REFUSALS.has(error.code)) return;
  try {
    await recordPlatformAudit({
      actor: context.actor,
      action,
      outcome: "DENIED",
      details: { code: error.code, reason: error.userMessage },
    });
  } catch (auditError) {
    log.error({ err: auditError }, "recording a platform refusal failed");
  }
}
