import { z } from "zod";
import { countSuccess } from "@/lib/actions/outcomes";
import { authenticateApiToken } from "@/lib/api-tokens/authenticate-token";
import { apiErrorResponse, JSON_HEADERS } from "@/lib/api/errors";
import { IDEMPOTENCY_HEADER, requestFingerprint, withIdempotencyKey } from "@/lib/api/idempotency";
import { recordRefusal } from "@/lib/audit/record-refusal";
import { clientAddress } from "@/lib/auth/client-address";
import type { WorkspaceContext } from "@/lib/authz/context";
import { authorizeWorkspace } from "@/lib/authz/guard";
import type { Permission } from "@/lib/authz/permissions";
import { AppError } from "@/lib/errors/app-error";
import { enforceRateLimit } from "@/lib/rate-limits/enforce-rate-limit";
import { DEFAULT_ENVIRONMENT, environmentRefSchema } from "@/lib/environments/environment-name";
import { parseInput } from "@/lib/validation/parse-input";

// One REST API operation (/api/v1): its method, path, permission and zod schemas, which both
// serve the request and describe it in the OpenAPI document (lib/api/openapi.ts). Every
// request runs the same chain as a server action, through the same guard: the bearer token
// (never a cookie), the token's rate limit, then authorizeWorkspace (membership, the token's
// capped role, permission), parsed input, the domain function. Operations that act inside
// one environment (`inEnvironment`) take it from `?environment=` (the default one without
// it); the others are workspace-wide, which a token scoped to one environment may not call.

type AnyObject = z.ZodObject<z.ZodRawShape>;
const none = z.object({});

export interface Operation<P extends AnyObject, Q extends AnyObject, B extends z.ZodType, R extends z.ZodType> {
  id: string;
  method: "GET" | "POST" | "PATCH" | "DELETE";
  /** Under /api/v1, with {slug} and other path parameters in braces. */
  path: string;
  summary: string;
  tag: string;
  permission: Permission;
  params?: P;
  query?: Q;
  body?: B;
  response: R;
  status: 200 | 201 | 202;
  /** A create: honours Idempotency-Key. */
  idempotent?: boolean;
  /**
   * What of the answer an Idempotency-Key may keep for its replay: secrets returned once
   * (an invitation's link) are left out, so the key's row never holds them. All of it if absent.
   */
  replayable?: (body: z.input<R>) => z.input<R>;
  /** Acts in the environment named by `?environment=` (the default one without it). */
  inEnvironment?: boolean;
  handle: (context: WorkspaceContext, input: z.output<P> & z.output<Q> & z.output<B>) => Promise<z.input<R>>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyOperation = Operation<any, any, any, any>;

/** The query parameter of the operations that act in one environment. */
export const environmentQuery = z.object({
  environment: environmentRefSchema
    .optional()
    .describe("The environment to act in, by name (as in GET /workspaces/{slug}/environments); default without it."),
});

export function defineOperation<
  P extends AnyObject = typeof none,
  Q extends AnyObject = typeof none,
  B extends z.ZodType = typeof none,
  R extends z.ZodType = z.ZodType,
>(operation: Operation<P, Q, B, R>): Operation<P, Q, B, R> {
  return operation;
}

async function readBody(request: Request): Promise<{ text: string; value: unknown }> {
  const text = await request.text();
  if (!(request.headers.get("content-type") ?? "").toLowerCase().includes("application/json")) {
    throw AppError.invalid("body", "Send the body as JSON, with Content-Type: application/json.");
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw AppError.invalid("body", "The body is not valid JSON.");
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw AppError.invalid("body", "Send a JSON object.");
  }
  return { text, value };
}

type RouteContext = { params: Promise<Record<string, string>> };

/** The route handler of `operation`, for app/api/v1/…/route.ts. */
export function serve(operation: AnyOperation): (request: Request, route: RouteContext) => Promise<Response> {
  return async (request, route) => {
    let context: WorkspaceContext | null = null;
    try {
      const actor = await authenticateApiToken(request.headers.get("authorization"), clientAddress(request.headers));
      await enforceRateLimit(
        "api.request",
        { token: actor.apiToken.id },
        { action: `api.${operation.id}`, workspaceId: actor.workspaceId, actor },
      );
      const { slug, ...pathParams } = await route.params;
      const query = Object.fromEntries(new URL(request.url).searchParams);
      if (!operation.inEnvironment && query.environment !== undefined) {
        throw AppError.invalid("environment", "This operation acts on the whole workspace: it takes no environment.");
      }
      const environment = operation.inEnvironment
        ? (parseInput(environmentQuery, query).environment ?? DEFAULT_ENVIRONMENT)
        : DEFAULT_ENVIRONMENT;
      context = await authorizeWorkspace(actor, String(slug), operation.permission, environment, {
        withinEnvironment: operation.inEnvironment === true,
      });
      const body = operation.body ? await readBody(request) : { text: "", value: {} };
      const input = {
        ...parseInput(operation.params ?? none, pathParams),
        ...parseInput(operation.query ?? none, query),
        ...parseInput(operation.body ?? none, body.value),
      };
      const scoped = context;
      const run = async () => ({ status: operation.status, body: await operation.handle(scoped, input) });
      const response = operation.idempotent
        ? await withIdempotencyKey(
            actor.apiToken.id,
            request.headers.get(IDEMPOTENCY_HEADER),
            // The environment is part of the request: the same key in another one is another request.
            requestFingerprint(request.method, `${new URL(request.url).pathname}@${environment}`, body.text),
            run,
            operation.replayable,
          )
        : await run().then((result) => Response.json(result.body, { status: result.status, headers: JSON_HEADERS }));
      countSuccess("route", `api.${operation.id}`);
      return response;
    } catch (error) {
      if (context) await recordRefusal(context, operation.permission, error);
      return apiErrorResponse(operation.id, error);
    }
  };
}
