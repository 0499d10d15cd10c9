import { z } from "zod";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { decodeWorkspaceCursor, encodeWorkspaceCursor, type WorkspaceSort } from "@/lib/platform/workspace-cursor";

// Every workspace for the operator console: search (slug, name, owner's address), filters
// (plan, status, balance below zero, suspended), three sorts, and keyset pages of 50: each
// page starts after (or before) the last row seen, through the indexes on (created_at, id),
// (display_name, id) and (slug), so a late page costs what the first one does.
//
// "Balance below zero" is the enforcement pass's last look (a BALANCE billing hold: balance at
// or below zero), which is indexed; the page then shows each listed workspace's live balance.

export const WORKSPACES_PAGE_SIZE = 50;

export const listWorkspacesInput = z.object({
  q: z.string().trim().max(200, "Keep the search under 200 characters.").default(""),
  plan: z.string().trim().max(64, "Choose a plan from the list.").default(""),
  status: z
    .enum(["all", "PROVISIONING", "READY", "DELETING", "DELETED"], "Choose a status from the list.")
    .default("all"),
  balance: z.enum(["all", "negative"], "Choose all or below zero.").default("all"),
  suspended: z.enum(["all", "any", "operator", "billing", "none"], "Choose a suspension filter.").default("all"),
  sort: z.enum(["created", "name", "slug"], "Sort by created, name or slug.").default("created"),
  after: z.string().max(400, "That page link is not valid.").optional(),
  before: z.string().max(400, "That page link is not valid.").optional(),
});
export type ListWorkspacesInput = z.output<typeof listWorkspacesInput>;

export interface WorkspaceListRow {
  id: string;
  slug: string;
  displayName: string;
  kind: "PERSONAL" | "TEAM";
  status: string;
  planId: string;
  createdAt: Date;
  ownerEmail: string | null;
  billingHold: "BALANCE" | "BUDGET" | null;
  billingSuspended: boolean;
  operatorSuspended: boolean;
}

export interface WorkspacePage {
  workspaces: WorkspaceListRow[];
  total: number;
  /** Cursors for the neighbouring pages, or null at either end. */
  next: string | null;
  previous: string | null;
}

interface Row {
  id: string;
  slug: string;
  display_name: string;
  kind: "PERSONAL" | "TEAM";
  status: string;
  plan_id: string;
  created_at: Date;
  owner_email: string | null;
  hold_reason: "BALANCE" | "BUDGET" | null;
  hold_suspended: boolean;
  operator_suspended: boolean;
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function filters(input: ListWorkspacesInput): Prisma.Sql[] {
  const where: Prisma.Sql[] = [];
  if (input.status === "all") where.push(Prisma.sql`w.deleted_at IS NULL`);
  else where.push(Prisma.sql`w.status = ${input.status}::"WorkspaceStatus"`);
  if (input.plan) where.push(Prisma.sql`w.plan_id = ${input.plan}`);
  if (input.q) {
    const pattern = `%${escapeLike(input.q)}%`;
    where.push(Prisma.sql`(w.slug ILIKE ${pattern} OR w.display_name ILIKE ${pattern} OR EXISTS (
      SELECT 1 FROM memberships om JOIN users ou ON ou.id = om.user_id
       WHERE om.workspace_id = w.id AND om.role = 'OWNER' AND ou.email ILIKE ${pattern}))`);
  }
  if (input.balance === "negative") where.push(Prisma.sql`h.reason = 'BALANCE'`);
  const billing = Prisma.sql`h.suspended_at IS NOT NULL`;
  const operator = Prisma.sql`s.workspace_id IS NOT NULL`;
  if (input.suspended === "any") where.push(Prisma.sql`(${billing} OR ${operator})`);
  if (input.suspended === "billing") where.push(billing);
  if (input.suspended === "operator") where.push(operator);
  if (input.suspended === "none") where.push(Prisma.sql`NOT (${billing} OR ${operator})`);
  return where;
}

const SORT_COLUMN: Record<WorkspaceSort, Prisma.Sql> = {
  created: Prisma.sql`w.created_at`,
  name: Prisma.sql`w.display_name`,
  slug: Prisma.sql`w.slug`,
};
/** Newest first by creation; alphabetical by name and slug. */
const DESCENDING: Record<WorkspaceSort, boolean> = { created: true, name: false, slug: false };

function sortValue(row: Row, sort: WorkspaceSort): string {
  if (sort === "created") return row.created_at.toISOString();
  return sort === "name" ? row.display_name : row.slug;
}

export async function listWorkspaces(input: ListWorkspacesInput): Promise<WorkspacePage> {
  const where = filters(input);
  const base = Prisma.sql`FROM workspaces w
      LEFT JOIN billing_holds h ON h.workspace_id = w.id
      LEFT JOIN operator_suspensions s ON s.workspace_id = w.id
     WHERE ${Prisma.join(where, " AND ")}`;
  const column = SORT_COLUMN[input.sort];
  const backwards = Boolean(input.before) && !input.after;
  const cursor = decodeWorkspaceCursor(input.after ?? input.before, input.sort);
  // Forwards in display order, or backwards from `before` (then turned round).
  const descending = DESCENDING[input.sort] !== backwards;
  const keyset = cursor
    ? descending
      ? Prisma.sql`AND (${column}, w.id) < (${cursor.typed}, ${cursor.id})`
      : Prisma.sql`AND (${column}, w.id) > (${cursor.typed}, ${cursor.id})`
    : Prisma.empty;
  const order = descending ? Prisma.sql`${column} DESC, w.id DESC` : Prisma.sql`${column} ASC, w.id ASC`;
  const [rows, counted] = await Promise.all([
    db().$queryRaw<Row[]>`
      SELECT w.id, w.slug, w.display_name, w.kind::text AS kind, w.status::text AS status, w.plan_id, w.created_at,
             (SELECT ou.email FROM memberships om JOIN users ou ON ou.id = om.user_id
               WHERE om.workspace_id = w.id AND om.role = 'OWNER' ORDER BY om.created_at LIMIT 1) AS owner_email,
             h.reason::text AS hold_reason, (h.suspended_at IS NOT NULL) AS hold_suspended,
             (s.workspace_id IS NOT NULL) AS operator_suspended
        ${base} ${keyset}
       ORDER BY ${order}
       LIMIT ${WORKSPACES_PAGE_SIZE + 1}`,
    db().$queryRaw<{ total: bigint }[]>`SELECT count(*) AS total ${base}`,
  ]);
  const more = rows.length > WORKSPACES_PAGE_SIZE;
  const page = rows.slice(0, WORKSPACES_PAGE_SIZE);
  if (backwards) page.reverse();
  const key = (row: Row | undefined) =>
    row ? encodeWorkspaceCursor(input.sort, sortValue(row, input.sort), row.id) : null;
  const hasNext = backwards ? true : more;
  const hasPrevious = backwards ? more : Boolean(cursor);
  return {
    workspaces: page.map((r) => ({
      id: r.id,
      slug: r.slug,
      displayName: r.display_name,
      kind: r.kind,
      status: r.status,
      planId: r.plan_id,
      createdAt: r.created_at,
      ownerEmail: r.owner_email,
      billingHold: r.hold_reason,
      billingSuspended: r.hold_suspended,
      operatorSuspended: r.operator_suspended,
    })),
    total: Number(counted[0]?.total ?? 0),
    next: hasNext && page.length ? key(page.at(-1)) : null,
    previous: hasPrevious && page.length ? key(page[0]) : null,
  };
}
