import "server-only";
import { cache } from "react";
import { requireSession } from "@/lib/auth/session";
import { ensurePersonalWorkspace } from "@/lib/workspaces/create-workspace";
import { readUserWorkspaces, type WorkspaceSummary } from "@/lib/workspaces/list-workspaces";

/**
 * The signed-in user's workspaces for the console, read once per request (the layout and
 * the dashboard both show them). The personal workspace is normally made at first sign-in;
 * when the list lacks it, this repairs a sign-in whose provisioning failed, as before, and
 * reads the list again. A personal workspace that exists but is not listed (deleted) is left
 * as ensurePersonalWorkspace leaves it.
 */
export const consoleWorkspaces = cache(async (): Promise<WorkspaceSummary[]> => {
  const { user } = await requireSession();
  const listed = await readUserWorkspaces(user.id);
  if (listed.hasOwnPersonal) return listed.workspaces;
  await ensurePersonalWorkspace(user);
  return (await readUserWorkspaces(user.id)).workspaces;
});
