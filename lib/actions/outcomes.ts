import { Counter } from "prom-client";
import { toAppError } from "@/lib/errors/app-error";
import { logger } from "@/lib/observability/logger";
import { defineMetric } from "@/lib/observability/metrics";

// How server actions and route handlers end, counted by the builders in lib/actions: "ok",
// or the AppError code they answered with. The action is named by its permission (workspace
// actions) or by the name its builder was given (the user's own actions): a short fixed
// list, never a user, a workspace or an id.

export type OutcomeKind = "action" | "route";

const actionOutcomes = defineMetric(
  "canopy_portal_action_outcomes_total",
  (registers) =>
    new Counter({
      name: "canopy_portal_action_outcomes_total",
      help: 'Server actions ("action") and route handlers ("route") by name and outcome: ok, or the AppError code.',
      labelNames: ["kind", "action", "outcome"] as const,
      registers,
    }),
);

export function countSuccess(kind: OutcomeKind, action: string): void {
  actionOutcomes.inc({ kind, action, outcome: "ok" });
}

/** Counts a failure and logs it when it is the server's fault; returns it as an AppError. */
export function countFailure(kind: OutcomeKind, action: string, error: unknown) {
  const appError = toAppError(error);
  actionOutcomes.inc({ kind, action, outcome: appError.code });
  if (appError.code === "INTERNAL" || appError.code === "UNAVAILABLE") {
    logger.error({ err: appError, kind, action }, `${kind} ${action} failed: ${appError.code}`);
  }
  return appError;
}
