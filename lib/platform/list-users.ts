import { z } from "zod";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";

// Every user of the platform for the operator console: search by name or address, filter
// by status, newest first, a page at a time.

export const USERS_PAGE_SIZE = 50;

export const listUsersInput = z.object({
  q: z.string().trim().max(200, "Keep the search under 200 characters.").default(""),
  status: z.enum(["all", "active", "disabled", "admins"], "Choose all, active, disabled or admins.").default("all"),
  page: z.coerce.number().int("The page is a whole number.").min(1, "Pages start at 1.").max(10_000).default(1),
});
export type ListUsersInput = z.output<typeof listUsersInput>;

export interface UserRow {
  id: string;
  name: string | null;
  email: string | null;
  createdAt: Date;
  disabledAt: Date | null;
  admin: boolean;
  workspaces: number;
}

interface Row {
  id: string;
  name: string | null;
  email: string | null;
  created_at: Date;
  disabled_at: Date | null;
  admin: boolean;
  workspaces: bigint;
  total: bigint;
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export async function listUsers(input: ListUsersInput): Promise<{ users: UserRow[]; total: number; pages: number }> {
  const conditions: Prisma.Sql[] = [Prisma.sql`TRUE`];
  if (input.q) {
    const pattern = `%${escapeLike(input.q)}%`;
    conditions.push(Prisma.sql`(u.email ILIKE ${pattern} OR u.name ILIKE ${pattern} OR u.id = ${input.q})`);
  }
  if (input.status === "active") conditions.push(Prisma.sql`u.disabled_at IS NULL`);
  if (input.status === "disabled") conditions.push(Prisma.sql`u.disabled_at IS NOT NULL`);
  if (input.status === "admins") conditions.push(Prisma.sql`a.user_id IS NOT NULL`);
  const offset = (input.page - 1) * USERS_PAGE_SIZE;
  const rows = await db().$queryRaw<Row[]>`
    SELECT u.id, u.name, u.email, u.created_at, u.disabled_at,
           (a.user_id IS NOT NULL) AS admin,
           (SELECT count(*) FROM memberships m JOIN workspaces w ON w.id = m.workspace_id
             WHERE m.user_id = u.id AND w.deleted_at IS NULL) AS workspaces,
           count(*) OVER () AS total
      FROM users u
      LEFT JOIN platform_admins a ON a.user_id = u.id AND a.revoked_at IS NULL
     WHERE ${Prisma.join(conditions, " AND ")}
     ORDER BY u.created_at DESC, u.id
     LIMIT ${USERS_PAGE_SIZE} OFFSET ${offset}`;
  const total = Number(rows[0]?.total ?? 0);
  return {
    users: rows.map((r) => ({
      id: r.id,
      name: r.name,
      email: r.email,
      createdAt: r.created_at,
      disabledAt: r.disabled_at,
      admin: r.admin,
      workspaces: Number(r.workspaces),
    })),
    total,
    pages: Math.max(1, Math.ceil(total / USERS_PAGE_SIZE)),
  };
}
