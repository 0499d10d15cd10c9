import type { Actor } from "@/lib/authz/context";
import { db } from "@/lib/db/client";
import type { NotificationKind } from "@/lib/db/generated/client";

// A user's own notifications, newest first. Every query is scoped to the acting user:
// another user's notification is never listed, counted or changed (mark-read.ts).

export interface NotificationItem {
  id: string;
  kind: NotificationKind;
  title: string;
  body: string;
  href: string | null;
  workspace: { slug: string; displayName: string } | null;
  createdAt: Date;
  read: boolean;
}

export const NOTIFICATION_PAGE_SIZE = 50;

export async function listNotifications(
  actor: Actor,
  options: { limit?: number; unreadOnly?: boolean } = {},
): Promise<NotificationItem[]> {
  const rows = await db().notification.findMany({
    where: { userId: actor.userId, ...(options.unreadOnly ? { readAt: null } : {}) },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: Math.min(options.limit ?? NOTIFICATION_PAGE_SIZE, NOTIFICATION_PAGE_SIZE),
    select: {
      id: true,
      kind: true,
      title: true,
      body: true,
      href: true,
      createdAt: true,
      readAt: true,
      workspace: { select: { slug: true, displayName: true, deletedAt: true } },
    },
  });
  return rows.map(({ readAt, workspace, ...row }) => ({
    ...row,
    workspace: workspace && !workspace.deletedAt ? { slug: workspace.slug, displayName: workspace.displayName } : null,
    read: readAt !== null,
  }));
}

/** How many of the user's notifications are unread (the header's badge). */
export function countUnread(actor: Actor): Promise<number> {
  return db().notification.count({ where: { userId: actor.userId, readAt: null } });
}
