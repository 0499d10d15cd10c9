import "server-only";
import { NextResponse } from "next/server";
import type { z } from "zod";
import { currentActor, parseInput } from "@/lib/actions/action";
import { countFailure, countSuccess } from "@/lib/actions/outcomes";
import { authorizeWorkspace } from "@/lib/authz/guard";
import type { Actor, WorkspaceContext } from "@/lib/authz/context";
import type { Permission } from "@/lib/authz/permissions";
import { env } from "@/lib/config/env";
import { AppError } from "@/lib/errors/app-error";
import { environmentOf } from "@/lib/environments/environment-name";
import { CROSS_SITE_MESSAGE, isCrossSiteRequest } from "@/lib/http/same-origin";

// Route handlers get the same chain as server actions: same-origin check (route
// handlers, unlike server actions, have no built-in CSRF protection), session,
// membership, role, permission, parsed input, handler; errors as JSON with a status.
// Outcomes are counted like the actions' (lib/actions/outcomes.ts). The environment is the
// URL's `?env=` (lib/environments/environment-name.ts), the default one without it.

// proxy.ts refuses these before any route runs; checked here again so that a route never
// depends on the proxy's matcher.
export function assertSameOrigin(request: Request): void {
  if (isCrossSiteRequest(request.method, request.headers, new URL(env().NEXTAUTH_URL).origin)) {
    throw AppError.forbidden(CROSS_SITE_MESSAGE);
  }
}

export async function readBody(request: Request): Promise<unknown> {
  const type = request.headers.get("content-type") ?? "";
  if (type.includes("application/json")) return request.json().catch(() => ({}));
  if (type.includes("form")) return request.formData();
  return {};
}

export function errorResponse(route: string, error: unknown): NextResponse {
  const appError = countFailure("route", route, error);
  const headers: Record<string, string> = { "Cache-Control": "no-store" };
  if (appError.retryAfterSeconds !== undefined) headers["Retry-After"] = String(appError.retryAfterSeconds);
  return NextResponse.json(
    { error: appError.userMessage, fieldErrors: appError.fieldErrors },
    { status: appError.status, headers },
  );
}

/** A POST (or other body-carrying) route inside one workspace, authorized for `permission`. */
export function workspaceRoute<S extends z.ZodType, R>(
  permission: Permission,
  schema: S,
  handler: (context: WorkspaceContext, input: z.output<S>) => Promise<R>,
): (request: Request, route: { params: Promise<{ slug: string }> }) => Promise<NextResponse> {
  return async (request, route) => {
    try {
      assertSameOrigin(request);
      const actor = await currentActor();
      const { slug } = await route.params;
      const context = await authorizeWorkspace(actor, slug, permission, environmentOf(request.url));
      const result = await handler(context, parseInput(schema, await readBody(request)));
      countSuccess("route", permission);
      return NextResponse.json(result, { headers: { "Cache-Control": "no-store" } });
    } catch (error) {
      return errorResponse(permission, error);
    }
  };
}

/**
 * A GET route inside one workspace: the query string is the input. The handler may
 * return a Response of its own (a stream, a CSV file) or data to send as JSON.
 */
export function workspaceGetRoute<S extends z.ZodType, R>(
  permission: Permission,
  schema: S,
  handler: (context: WorkspaceContext, input: z.output<S>, request: Request) => Promise<R | Response>,
): (request: Request, route: { params: Promise<{ slug: string }> }) => Promise<Response> {
  return async (request, route) => {
    try {
      const actor = await currentActor();
      const { slug } = await route.params;
      const context = await authorizeWorkspace(actor, slug, permission, environmentOf(request.url));
      const query = Object.fromEntries(new URL(request.url).searchParams);
      const result = await handler(context, parseInput(schema, query), request);
      countSuccess("route", permission);
      if (result instanceof Response) return result;
      return NextResponse.json(result, { headers: { "Cache-Control": "no-store" } });
    } catch (error) {
      return errorResponse(permission, error);
    }
  };
}

/**
 * A GET route for the signed-in user's own things (not inside a workspace): the query
 * string is the input. `name` labels its outcomes in the metrics.
 */
export function userGetRoute<S extends z.ZodType, R>(
  name: string,
  schema: S,
  handler: (actor: Actor, input: z.output<S>) => Promise<R>,
): (request: Request) => Promise<Response> {
  return async (request) => {
    try {
      const actor = await currentActor();
      const query = Object.fromEntries(new URL(request.url).searchParams);
      const result = await handler(actor, parseInput(schema, query));
      countSuccess("route", name);
      return NextResponse.json(result, { headers: { "Cache-Control": "no-store" } });
    } catch (error) {
      return errorResponse(name, error);
    }
  };
}
