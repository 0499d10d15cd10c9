import { z } from "zod";
import { countFailure } from "@/lib/actions/outcomes";

// The REST API's one error body, mapped from AppError (lib/errors/app-error.ts):
// { error: { code, message, field?, fields? } }. For invalid input, `field` names the first
// field at fault (a dotted path: "env.2.name") and `message` its rule; `fields` has them all.

export const apiErrorBody = z
  .object({
    error: z.object({
      code: z.enum([
        "UNAUTHENTICATED",
        "FORBIDDEN",
        "NOT_FOUND",
        "INVALID_INPUT",
        "CONFLICT",
        "QUOTA_EXCEEDED",
        "LIMIT_REACHED",
        "RATE_LIMITED",
        "UNAVAILABLE",
        "INTERNAL",
      ]),
      message: z.string(),
      field: z.string().optional(),
      fields: z.record(z.string(), z.array(z.string())).optional(),
    }),
  })
  .meta({ id: "Error" });

export type ApiErrorBody = z.output<typeof apiErrorBody>;

export const JSON_HEADERS = { "Cache-Control": "no-store" } as const;

/** The error response for anything thrown by an operation; counted under the operation's id. */
export function apiErrorResponse(operationId: string, error: unknown): Response {
  const appError = countFailure("route", `api.${operationId}`, error);
  const headers: Record<string, string> = { ...JSON_HEADERS };
  if (appError.retryAfterSeconds !== undefined) headers["Retry-After"] = String(appError.retryAfterSeconds);
  if (appError.status === 401) headers["WWW-Authenticate"] = 'Bearer realm="canopy"';
  const fields = appError.fieldErrors;
  const first = fields ? Object.entries(fields)[0] : undefined;
  const body: ApiErrorBody = {
    error: first
      ? { code: appError.code, message: first[1][0] ?? appError.userMessage, field: first[0], fields }
      : { code: appError.code, message: appError.userMessage },
  };
  return Response.json(body, { status: appError.status, headers });
}
