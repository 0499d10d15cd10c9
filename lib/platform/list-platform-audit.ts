import { z } from "zod";
import { AUDIT_EVENT_SELECT, detailsObject, type AuditEventRow } from "@/lib/audit/list-audit-events";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { AppError, type FieldErrors } from "@/lib/errors/app-error";

// The platform audit log for administrators (the platform guard's platform.read): newest
// first, filtered by who acted, what they did, the outcome and the target, paged by id.
// Rows have the shape of a workspace's audit events, so the console shows both alike.

export const PLATFORM_AUDIT_PAGE_SIZE = 50;

const optional = <S extends z.ZodType>(schema: S) =>
  z.preprocess((value) => (value === "" || value === null ? undefined : value), schema.optional());
const id = (message: string) =>
  z
    .string()
    .trim()
    .max(64)
    .regex(/^[A-Za-z0-9_-]+$/, message);

export const listPlatformAuditInput = z.object({
  actor: optional(id("Choose someone from the list.")),
  action: optional(
    z
      .string()
      .trim()
      .max(100)
      .regex(/^[a-z][A-Za-z0-9._-]*$/, "Choose an action from the list."),
  ),
  outcome: optional(z.enum(["SUCCESS", "DENIED", "FAILED"], "Choose success, denied or failed.")),
  target: optional(id("A target is a user's id.")),
  before: optional(z.string().regex(/^[1-9]\d{0,17}$/, "This page link is not valid.")),
});
export type PlatformAuditFilters = z.output<typeof listPlatformAuditInput>;

export interface PlatformAuditPage {
  events: AuditEventRow[];
  nextCursor: string | null;
}

export function parsePlatformAuditFilters(raw: Record<string, unknown>): PlatformAuditFilters {
  const parsed = listPlatformAuditInput.safeParse(raw);
  if (!parsed.success) {
    const fieldErrors = z.flattenError(parsed.error).fieldErrors as FieldErrors;
    throw new AppError("INVALID_INPUT", "These filters are not valid.", { fieldErrors });
  }
  return parsed.data;
}

function whereOf(filters: PlatformAuditFilters): Prisma.PlatformAuditEventWhereInput {
  return {
    ...(filters.actor ? { actorId: filters.actor } : {}),
    ...(filters.action ? { action: filters.action } : {}),
    ...(filters.outcome ? { outcome: filters.outcome } : {}),
    ...(filters.target ? { targetId: filters.target } : {}),
    ...(filters.before ? { id: { lt: BigInt(filters.before) } } : {}),
  };
}

function label(user: { name: string | null; email: string | null; id: string }): string {
  return user.name && user.email ? `${user.name} (${user.email})` : (user.name ?? user.email ?? user.id);
}

export async function listPlatformAudit(filters: PlatformAuditFilters): Promise<PlatformAuditPage> {
  const rows = await readPlatformAudit(filters, PLATFORM_AUDIT_PAGE_SIZE + 1);
  const events = rows.slice(0, PLATFORM_AUDIT_PAGE_SIZE);
  return { events, nextCursor: rows.length > PLATFORM_AUDIT_PAGE_SIZE ? events.at(-1)!.id : null };
}

/** Up to `take` events matching `filters`, newest first, with target users named. */
export async function readPlatformAudit(filters: PlatformAuditFilters, take: number): Promise<AuditEventRow[]> {
  const page = await db().platformAuditEvent.findMany({
    where: whereOf(filters),
    orderBy: { id: "desc" },
    take,
    select: AUDIT_EVENT_SELECT,
  });
  // Users are the targets named for people; anything else shows its recorded id.
  const userIds = [...new Set(page.filter((r) => r.targetType === "user" && r.targetId).map((r) => r.targetId!))];
  const users = new Map(
    (await db().user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true, email: true } })).map(
      (u) => [u.id, u],
    ),
  );
  return page.map((row) => {
    const user = row.targetType === "user" && row.targetId ? users.get(row.targetId) : undefined;
    return {
      ...row,
      id: row.id.toString(),
      details: detailsObject(row.details),
      target: row.targetId
        ? {
            kind: row.targetType === "user" ? "User" : (row.targetType ?? "Target"),
            label: user ? label(user) : row.targetId,
            id: row.targetId,
          }
        : null,
    };
  });
}

export interface PlatformAuditFilterOptions {
  actors: { userId: string; label: string }[];
  actions: string[];
}

/** What the filters offer: everyone who has an event, and every action seen. */
export async function listPlatformAuditFilterOptions(): Promise<PlatformAuditFilterOptions> {
  const [actors, actions] = await Promise.all([
    db().platformAuditEvent.groupBy({ by: ["actorId"], where: { actorId: { not: null } } }),
    db().platformAuditEvent.groupBy({ by: ["action"], orderBy: { action: "asc" } }),
  ]);
  const users = await db().user.findMany({
    where: { id: { in: actors.map((a) => a.actorId!) } },
    select: { id: true, name: true, email: true },
  });
  return {
    actors: users.map((u) => ({ userId: u.id, label: label(u) })).sort((a, b) => a.label.localeCompare(b.label)),
    actions: actions.map((a) => a.action),
  };
}
