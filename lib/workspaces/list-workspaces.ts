import { db } from "@/lib/db/client";
import type { Role } from "@/lib/authz/permissions";

export interface WorkspaceSummary {
  slug: string;
  displayName: string;
  kind: "PERSONAL" | "TEAM";
  status: string;
  role: Role;
}

export interface UserWorkspaces {
  workspaces: WorkspaceSummary[];
  /** Whether the list holds the user's own personal workspace (else it may need repair). */
  hasOwnPersonal: boolean;
}

/** The workspaces the user belongs to (personal first, then by name), in one query. */
export async function readUserWorkspaces(userId: string): Promise<UserWorkspaces> {
  const rows = await db().$queryRaw<(Omit<WorkspaceSummary, "displayName"> & { display_name: string; own: boolean })[]>`
    SELECT w.slug, w.display_name, w.kind::text AS kind, w.status::text AS status, m.role::text AS role,
           COALESCE(w.personal_owner_id = ${userId}, false) AS own
      FROM memberships m
      JOIN workspaces w ON w.id = m.workspace_id
     WHERE m.user_id = ${userId} AND w.deleted_at IS NULL`;
  return {
    workspaces: rows
      .map((r) => ({ slug: r.slug, displayName: r.display_name, kind: r.kind, status: r.status, role: r.role }))
      .sort((a, b) =>
        a.kind === b.kind ? a.displayName.localeCompare(b.displayName) : a.kind === "PERSONAL" ? -1 : 1,
      ),
    hasOwnPersonal: rows.some((r) => r.own),
  };
}

/** The workspaces the user belongs to: personal first, then by name. */
export async function listUserWorkspaces(userId: string): Promise<WorkspaceSummary[]> {
  return (await readUserWorkspaces(userId)).workspaces;
}
