import { db } from "@/lib/db/client";

// Where a signed-in user lands ("/", and sign-in without a page to return to): the workspace
// they last opened while still a member of it; else their only workspace; else the
// dashboard. Open invitations to their verified address take them to the dashboard, which
// lists them.

interface LandingRow {
  last_slug: string | null;
  only_slug: string | null;
  workspaces: number;
  invitations: number;
}

export async function landingPath(userId: string, now: Date = new Date()): Promise<string> {
  const [row] = await db().$queryRaw<LandingRow[]>`
    SELECT (SELECT w.slug FROM memberships m JOIN workspaces w ON w.id = m.workspace_id
             WHERE m.user_id = u.id AND w.id = u.last_workspace_id AND w.deleted_at IS NULL) AS last_slug,
           (SELECT min(w.slug) FROM memberships m JOIN workspaces w ON w.id = m.workspace_id
             WHERE m.user_id = u.id AND w.deleted_at IS NULL) AS only_slug,
           (SELECT count(*)::int FROM memberships m JOIN workspaces w ON w.id = m.workspace_id
             WHERE m.user_id = u.id AND w.deleted_at IS NULL) AS workspaces,
           (SELECT count(*)::int FROM invitations i JOIN workspaces w ON w.id = i.workspace_id
             WHERE u.email_verified IS NOT NULL AND lower(i.email) = lower(u.email)
               AND i.accepted_at IS NULL AND i.declined_at IS NULL AND i.revoked_at IS NULL
               AND i.expires_at > ${now} AND w.deleted_at IS NULL) AS invitations
      FROM users u WHERE u.id = ${userId}`;
  if (!row || row.invitations > 0) return "/dashboard";
  if (row.last_slug) return `/w/${row.last_slug}`;
  if (row.workspaces === 1 && row.only_slug) return `/w/${row.only_slug}`;
  return "/dashboard";
}

/** Remembers the workspace the user opened; writes only when it changed. */
export async function rememberWorkspace(userId: string, workspaceId: string): Promise<void> {
  await db().$executeRaw`
    UPDATE users SET last_workspace_id = ${workspaceId}
     WHERE id = ${userId} AND last_workspace_id IS DISTINCT FROM ${workspaceId}`;
}
