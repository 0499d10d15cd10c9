import "server-only";
import { headers } from "next/headers";
import { unstable_rethrow } from "next/navigation";
import { z } from "zod";
import { clientAddress } from "@/lib/auth/client-address";
import { currentSession } from "@/lib/auth/session";
import { authorizeWorkspace } from "@/lib/authz/guard";
import type { Actor, WorkspaceContext } from "@/lib/authz/context";
import type { Permission } from "@/lib/authz/permissions";
import { recordRefusal } from "@/lib/audit/record-refusal";
import { countFailure, countSuccess } from "@/lib/actions/outcomes";
import { AppError, type FieldErrors } from "@/lib/errors/app-error";
import { parseInput } from "@/lib/validation/parse-input";

export { parseInput };

// Every server action is built here, so each one runs the same chain: session, then
// (for workspace actions) membership, role and permission through the one guard, then
// schema-parsed input, then the handler. Errors come back as a message safe to show and
// per-field messages; nothing else leaves the server. Each outcome is counted
// (lib/actions/outcomes.ts) under the action's name: its permission, or the name given.

export type ActionResult<T = null> =
  { ok: true; data: T; message?: string } | { ok: false; message: string; fieldErrors?: FieldErrors };

export function actionError(action: string, error: unknown): { ok: false; message: string; fieldErrors?: FieldErrors } {
  try {
    unstable_rethrow(error);
  } catch (controlFlow) {
    // redirect() (and notFound()) are how a handler ends as it meant to, not failures.
    countSuccess("action", action);
    throw controlFlow;
  }
  const appError = countFailure("action", action, error);
  return { ok: false, message: appError.userMessage, fieldErrors: appError.fieldErrors };
}

export async function currentActor(): Promise<Actor> {
  const session = await currentSession();
  if (!session?.user?.id) throw new AppError("UNAUTHENTICATED", "Your session has ended. Please sign in again.");
  return { userId: session.user.id, clientAddress: clientAddress(await headers()) };
}

/**
 * An action for any signed-in user (for example: create a workspace, accept an
 * invitation). `name` labels its outcomes in the metrics ("workspace.create").
 */
export function userAction<S extends z.ZodType, R>(
  name: string,
  schema: S,
  handler: (actor: Actor, input: z.output<S>) => Promise<R>,
): (previous: unknown, raw: FormData | z.input<S>) => Promise<ActionResult<R>> {
  return async (_previous, raw) => {
    try {
      const actor = await currentActor();
      const data = await handler(actor, parseInput(schema, raw));
      countSuccess("action", name);
      return { ok: true, data };
    } catch (error) {
      return actionError(name, error);
    }
  };
}

/** Where a workspace action acts: the workspace's slug (its default environment), or a slug and an environment. */
export type WorkspaceTarget = string | { slug: string; environment: string };

/** An action inside one workspace, authorized for `permission`. Bind the target (the slug) first. */
export function workspaceAction<S extends z.ZodType, R>(
  permission: Permission,
  schema: S,
  handler: (context: WorkspaceContext, input: z.output<S>) => Promise<R>,
): (target: WorkspaceTarget, previous: unknown, raw: FormData | z.input<S>) => Promise<ActionResult<R>> {
  return async (target, _previous, raw) => {
    let context: WorkspaceContext | null = null;
    try {
      const actor = await currentActor();
      const { slug, environment } =
        typeof target === "object" && target ? target : { slug: target, environment: undefined };
      context = await authorizeWorkspace(
        actor,
        String(slug),
        permission,
        environment ? String(environment) : undefined,
      );
      const data = await handler(context, parseInput(schema, raw));
      countSuccess("action", permission);
      return { ok: true, data };
    } catch (error) {
      // What the audit log promises: the refused attempts too.
      if (context) await recordRefusal(context, permission, error);
      return actionError(permission, error);
    }
  };
}
