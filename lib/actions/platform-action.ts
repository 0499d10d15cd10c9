import "server-only";
import { NextResponse } from "next/server";
import type { z } from "zod";
import { actionError, currentActor, parseInput, type ActionResult } from "@/lib/actions/action";
import { countSuccess } from "@/lib/actions/outcomes";
import { assertSameOrigin, errorResponse, readBody } from "@/lib/actions/route";
import { recordPlatformRefusal } from "@/lib/audit/record-platform-refusal";
import type { PlatformContext } from "@/lib/authz/context";
import { authorizePlatform } from "@/lib/authz/platform-guard";
import type { PlatformPermission } from "@/lib/authz/platform-permissions";

// The operator console's server actions and route handlers, built like the workspace ones
// (lib/actions/action.ts, route.ts): session, then the platform guard (a non-administrator
// gets "not found", recorded in the platform audit log), then schema-parsed input, then the
// handler; refusals met inside the handler (the last administrator) are audited too.
// Outcomes are counted under the permission.

/** A server action of the operator console, authorized for `permission`. */
export function platformAction<S extends z.ZodType, R>(
  permission: PlatformPermission,
  schema: S,
  handler: (context: PlatformContext, input: z.output<S>) => Promise<R>,
): (previous: unknown, raw: FormData | z.input<S>) => Promise<ActionResult<R>> {
  return async (_previous, raw) => {
    let context: PlatformContext | null = null;
    try {
      const actor = await currentActor();
      context = await authorizePlatform(actor, permission);
      const data = await handler(context, parseInput(schema, raw));
      countSuccess("action", permission);
      return { ok: true, data };
    } catch (error) {
      if (context) await recordPlatformRefusal(context, permission, error);
      return actionError(permission, error);
    }
  };
}

/** A POST (or other body-carrying) route of the operator console. */
export function platformRoute<S extends z.ZodType, R>(
  permission: PlatformPermission,
  schema: S,
  handler: (context: PlatformContext, input: z.output<S>) => Promise<R>,
): (request: Request) => Promise<NextResponse> {
  return async (request) => {
    let context: PlatformContext | null = null;
    try {
      assertSameOrigin(request);
      const actor = await currentActor();
      context = await authorizePlatform(actor, permission);
      const result = await handler(context, parseInput(schema, await readBody(request)));
      countSuccess("route", permission);
      return NextResponse.json(result, { headers: { "Cache-Control": "no-store" } });
    } catch (error) {
      if (context) await recordPlatformRefusal(context, permission, error);
      return errorResponse(permission, error);
    }
  };
}

/** A GET route of the operator console: the query string is the input; a Response passes through. */
export function platformGetRoute<S extends z.ZodType, R>(
  permission: PlatformPermission,
  schema: S,
  handler: (context: PlatformContext, input: z.output<S>) => Promise<R | Response>,
): (request: Request) => Promise<Response> {
  return async (request) => {
    try {
      const actor = await currentActor();
      const context = await authorizePlatform(actor, permission);
      const query = Object.fromEntries(new URL(request.url).searchParams);
      const result = await handler(context, parseInput(schema, query));
      countSuccess("route", permission);
      if (result instanceof Response) return result;
      return NextResponse.json(result, { headers: { "Cache-Control": "no-store" } });
    } catch (error) {
      return errorResponse(permission, error);
    }
  };
}
