import * as k8s from "@kubernetes/client-node";

// The one reader of a failed Kubernetes call. The API server answers a refusal with a
// Status object (code, reason, message); client-node hands it over as an ApiException
// whose body is that Status as text, and a watch that cannot start as an Error with a
// statusCode. Everything else that needs to know why a call failed asks here.

export interface KubeStatus {
  /** The HTTP status code: 404 not found, 409 conflict, 422 invalid, ... */
  code: number;
  /** The Status reason, such as "NotFound", "AlreadyExists" or "Forbidden". */
  reason?: string;
  /** The API server's own words, for logs and for refusals shown as they are (admission). */
  message?: string;
}

function parseBody(body: unknown): { reason?: string; message?: string } {
  if (typeof body === "string") {
    try {
      return parseBody(JSON.parse(body));
    } catch {
      return {};
    }
  }
  if (body === null || typeof body !== "object") return {};
  const { reason, message } = body as { reason?: unknown; message?: unknown };
  return {
    reason: typeof reason === "string" ? reason : undefined,
    message: typeof message === "string" ? message : undefined,
  };
}

/** The Status of a failed Kubernetes call, or null when `error` is not an answer of the API server. */
export function statusOf(error: unknown): KubeStatus | null {
  if (error instanceof k8s.ApiException) return { code: error.code, ...parseBody(error.body) };
  const statusCode = (error as { statusCode?: unknown } | null)?.statusCode;
  if (error instanceof Error && typeof statusCode === "number") return { code: statusCode };
  return null;
}

/** True when the API server answered with one of `codes`. */
export function hasStatus(error: unknown, ...codes: number[]): boolean {
  const status = statusOf(error);
  return status !== null && codes.includes(status.code);
}

export function isNotFound(error: unknown): boolean {
  return hasStatus(error, 404);
}

/** Another writer got there first: the name is taken, or the object changed since it was read. */
export function isConflict(error: unknown): boolean {
  return hasStatus(error, 409);
}

/** The call's result, or undefined when the object is not there (any other failure is thrown). */
export async function ignoreNotFound<T>(call: Promise<T>): Promise<T | undefined> {
  try {
    return await call;
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

/** True when the call succeeded; false when the API server answered with one of `codes`. */
export async function succeededUnless(call: Promise<unknown>, ...codes: number[]): Promise<boolean> {
  try {
    await call;
    return true;
  } catch (error) {
    if (hasStatus(error, ...codes)) return false;
    throw error;
  }
}
