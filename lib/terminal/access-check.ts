import type { Actor } from "@/lib/authz/context";
import { authorizeWorkspace } from "@/lib/authz/guard";
import { sessionUserId } from "@/lib/auth/session-cookie";
import { toAppError } from "@/lib/errors/app-error";

// An open terminal is checked again while it runs, not only when it opens: the session
// cookie it opened with must still be a live session of the same user, and the one guard
// must still grant runtime.exec in the workspace. Signing out, being removed and a role
// without runtime.exec all end the session within one interval, with a reason to show.

/** How often an open terminal is authorized again. */
export const REAUTHORIZE_MS = 3_000;

/** Null while the member may still use the terminal; otherwise why not, in words to show. */
export type AccessCheck = () => Promise<string | null>;

export function terminalAccessCheck(
  cookieHeader: string | undefined,
  actor: Actor,
  slug: string,
  environment?: string,
): AccessCheck {
  return async () => {
    if ((await sessionUserId(cookieHeader)) !== actor.userId) {
      return "Your session has ended (signed out), so the terminal was closed. Sign in again to open one.";
    }
    try {
      await authorizeWorkspace(actor, slug, "runtime.exec", environment);
      return null;
    } catch (error) {
      const appError = toAppError(error);
      if (appError.code === "NOT_FOUND")
        return "You are no longer a member of this workspace, so the terminal was closed.";
      if (appError.code === "FORBIDDEN")
        return "Your role no longer allows the terminal in this workspace, so it was closed.";
      // The database briefly unavailable is no reason to cut a session: checked again next time.
      return null;
    }
  };
}
