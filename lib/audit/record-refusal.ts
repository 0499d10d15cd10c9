import type { WorkspaceContext } from "@/lib/authz/context";
import { recordAudit } from "@/lib/audit/record";
import { AppError, type AppErrorCode } from "@/lib/errors/app-error";
import { componentLogger } from "@/lib/observability/logger";

const log = componentLogger("audit");

// Refusals a member meets after the guard let them in: a conflict (a volume still mounted,
// the last owner), a quota or a billing limit. The guard, the membership rules and the rate
// limits record their own refusals (FORBIDDEN, RATE_LIMITED); a typo in a form is not an
// attempt worth auditing (INVALID_INPUT).
const REFUSALS: ReadonlySet<AppErrorCode> = new Set(["CONFLICT", "QUOTA_EXCEEDED", "LIMIT_REACHED"]);

/** Records `error` as a DENIED event of `action` when it is a refusal; never throws. */
export async function recordRefusal(context: WorkspaceContext, action: string, error: unknown): Promise<void> {
  if (!(error instanceof AppError) || !REFUSALS.has(error.code)) return;
  try {
    await recordAudit({
      workspaceId: context.workspace.id,
      environment: context.environment,
      actor: context.actor,
      action,
      outcome: "DENIED",
      details: { role: context.membership.role, code: error.code, reason: error.userMessage },
    });
  } catch (auditError) {
    log.error({ err: auditError, workspaceId: context.workspace.id }, "recording a refusal failed");
  }
}
