import { statusOf } from "@/lib/kube/status";

// One error type for everything a user can be told. `message` is internal (logs);
// `userMessage` is safe to show; `fieldErrors` name the form field and the rule.

export type AppErrorCode =
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "INVALID_INPUT"
  | "CONFLICT"
  | "QUOTA_EXCEEDED"
  | "LIMIT_REACHED"
  | "RATE_LIMITED"
  | "UNAVAILABLE"
  | "INTERNAL";

const httpStatus: Record<AppErrorCode, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  INVALID_INPUT: 422,
  CONFLICT: 409,
  QUOTA_EXCEEDED: 422,
  LIMIT_REACHED: 422,
  RATE_LIMITED: 429,
  UNAVAILABLE: 503,
  INTERNAL: 500,
};

export type FieldErrors = Record<string, string[]>;

export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly userMessage: string;
  readonly fieldErrors?: FieldErrors;
  /** For RATE_LIMITED: when trying again can succeed (sent as Retry-After). */
  readonly retryAfterSeconds?: number;

  constructor(
    code: AppErrorCode,
    userMessage: string,
    options: { fieldErrors?: FieldErrors; cause?: unknown; internal?: string; retryAfterSeconds?: number } = {},
  ) {
    super(options.internal ?? userMessage, { cause: options.cause });
    this.name = "AppError";
    this.code = code;
    this.userMessage = userMessage;
    this.fieldErrors = options.fieldErrors;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }

  get status(): number {
    return httpStatus[this.code];
  }

  static notFound(what: string): AppError {
    return new AppError("NOT_FOUND", `${what} was not found.`);
  }

  static forbidden(userMessage = "You do not have permission to do that."): AppError {
    return new AppError("FORBIDDEN", userMessage);
  }

  static invalid(field: string, rule: string): AppError {
    return new AppError("INVALID_INPUT", rule, { fieldErrors: { [field]: [rule] } });
  }
}

/**
 * Maps anything thrown to an AppError. Kubernetes failures are classified by status
 * code and reason, never by message text; unknown errors become a generic message.
 */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const status = statusOf(error);
  if (status) {
    switch (status.code) {
      case 401:
        return new AppError("UNAVAILABLE", "The cluster did not accept Canopy's credentials.", { cause: error });
      case 403:
        return new AppError("FORBIDDEN", "The cluster refused this action for your role.", { cause: error });
      case 404:
        return new AppError("NOT_FOUND", "That object no longer exists in the cluster.", { cause: error });
      case 409:
        return new AppError("CONFLICT", "Something with that name already exists, or it changed meanwhile.", {
          cause: error,
        });
      case 422:
      case 400:
        return new AppError("INVALID_INPUT", "The cluster rejected this request as invalid.", {
          cause: error,
          internal: status.message,
        });
      case 429:
      case 500:
      case 503:
      case 504:
        return new AppError("UNAVAILABLE", "The cluster is busy or unavailable. Please try again in a moment.", {
          cause: error,
        });
    }
  }
  return new AppError("INTERNAL", "Something went wrong on our side. Please try again.", { cause: error });
}
