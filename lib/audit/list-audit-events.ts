import { z } from "zod";
import type { WorkspaceContext } from "@/lib/authz/context";
import { can } from "@/lib/authz/permissions";
import { describeTargets, type AuditTarget } from "@/lib/audit/describe-targets";
import { db } from "@/lib/db/client";
import { AppError, type FieldErrors } from "@/lib/errors/app-error";

// The audit log of one workspace, newest first, filtered by who acted, what they did and
// in which environment (lib/audit/audit-environment.ts), and paged by id (ids only grow, so a cursor never skips or repeats an event).

export const AUDIT_PAGE_SIZE = 50;

// Search parameters arrive as strings, possibly empty ("all").
const optional = <S extends z.ZodType>(schema: S) =>
  z.preprocess((value) => (value === "" || value === null ? undefined : value), schema.optional());

export const listAuditEventsInput = z.object({
  member: optional(
    z
      .string()
      .trim()
      .max(64)
      .regex(/^[A-Za-z0-9_-]+$/, "Choose a member from the list."),
  ),
  action: optional(
    z
      .string()
      .trim()
      .max(100)
      .regex(/^[a-z][A-Za-z0-9._-]*$/, "Choose an action from the list."),
  ),
  environment: optional(
    z
      .string()
      .trim()
      .max(63)
      .regex(/^[a-z0-9-]+$/, "Choose an environment from the list."),
  ),
  before: optional(z.string().regex(/^[1-9]\d{0,17}$/, "This page link is not valid.")),
  limit: z.coerce.number().int().min(1).max(AUDIT_PAGE_SIZE).default(AUDIT_PAGE_SIZE),
});

export type ListAuditEventsInput = z.input<typeof listAuditEventsInput>;

export interface AuditEventRow {
  id: string;
  createdAt: Date;
  actor: { id: string; name: string | null; email: string | null } | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  outcome: "SUCCESS" | "DENIED" | "FAILED";
  clientAddress: string | null;
  details: Record<string, unknown>;
  /** The environment it happened in; null when workspace-wide (and on the platform's events). */
  environment?: string | null;
  /** What it acted on, named for people. */
  target: AuditTarget | null;
}

export interface AuditPage {
  events: AuditEventRow[];
  /** Pass as `before` for the next (older) page; null on the last page. */
  nextCursor: string | null;
}

/** The columns an audit page shows (a workspace's events and the platform's alike). */
export const AUDIT_EVENT_SELECT = {
  id: true,
  createdAt: true,
  action: true,
  targetType: true,
  targetId: true,
  outcome: true,
  clientAddress: true,
  details: true,
  actor: { select: { id: true, name: true, email: true } },
} as const;

/** An event's details as an object ({} for anything else JSON allows). */
export function detailsObject(details: unknown): Record<string, unknown> {
  return (details && typeof details === "object" && !Array.isArray(details) ? details : {}) as Record<string, unknown>;
}

function requireAuditRead(context: WorkspaceContext): void {
  // Also here, not only in the guard: pages hold a context authorized for reading the workspace.
  if (!can(context.membership.role, "audit.read")) throw AppError.forbidden();
}

export async function listAuditEvents(context: WorkspaceContext, raw: ListAuditEventsInput = {}): Promise<AuditPage> {
  requireAuditRead(context);
  const parsed = listAuditEventsInput.safeParse(raw);
  if (!parsed.success) {
    const fieldErrors = z.flattenError(parsed.error).fieldErrors as FieldErrors;
    throw new AppError("INVALID_INPUT", "These filters are not valid.", { fieldErrors });
  }
  const input = parsed.data;
  const rows = await readAuditEvents(context, input, input.limit + 1);
  const page = rows.slice(0, input.limit);
  return {
    events: page,
    nextCursor: rows.length > input.limit ? page[page.length - 1]!.id : null,
  };
}

/** Up to `take` events matching `input`, newest first, with their targets named. */
export async function readAuditEvents(
  context: WorkspaceContext,
  input: Pick<z.output<typeof listAuditEventsInput>, "member" | "action" | "environment" | "before">,
  take: number,
): Promise<AuditEventRow[]> {
  requireAuditRead(context);
  const rows = await db().auditEvent.findMany({
    where: {
      workspaceId: context.workspace.id,
      ...(input.member ? { actorId: input.member } : {}),
      ...(input.action ? { action: input.action } : {}),
      ...(input.environment ? { environment: input.environment } : {}),
      ...(input.before ? { id: { lt: BigInt(input.before) } } : {}),
    },
    orderBy: { id: "desc" },
    take,
    select: { ...AUDIT_EVENT_SELECT, environment: true },
  });
  const events = rows.map((row) => ({ ...row, id: row.id.toString(), details: detailsObject(row.details) }));
  const targets = await describeTargets(context.workspace.id, events);
  return events.map((event, index) => ({ ...event, target: targets[index]! }));
}

export interface AuditFilterOptions {
  members: { userId: string; label: string }[];
  actions: string[];
  /** Every environment the workspace has, and any an event names (one deleted since). */
  environments: string[];
}

/** What the filters offer: everyone who is or was a member and acted, and every action seen. */
export async function listAuditFilterOptions(context: WorkspaceContext): Promise<AuditFilterOptions> {
  requireAuditRead(context);
  const workspaceId = context.workspace.id;
  const [actors, actions, members, environments, seen] = await Promise.all([
    db().auditEvent.groupBy({ by: ["actorId"], where: { workspaceId, actorId: { not: null } } }),
    db().auditEvent.groupBy({ by: ["action"], where: { workspaceId }, orderBy: { action: "asc" } }),
    db().membership.findMany({ where: { workspaceId }, select: { userId: true } }),
    db().workspaceNamespace.findMany({
      where: { workspaceId },
      select: { environment: true },
      orderBy: { createdAt: "asc" },
    }),
    db().auditEvent.groupBy({ by: ["environment"], where: { workspaceId, environment: { not: null } } }),
  ]);
  const userIds = [...new Set([...actors.map((a) => a.actorId!), ...members.map((m) => m.userId)])];
  const users = await db().user.findMany({
    where: { id: { in: userIds } },
    select: { id: true, name: true, email: true },
  });
  return {
    members: users
      .map((user) => ({
        userId: user.id,
        label: user.name && user.email ? `${user.name} (${user.email})` : (user.name ?? user.email ?? user.id),
      }))
      .sort((a, b) => a.label.localeCompare(b.label)),
    actions: actions.map((a) => a.action),
    environments: [...new Set([...environments.map((e) => e.environment), ...seen.map((e) => e.environment!)])],
  };
}
