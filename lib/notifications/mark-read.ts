import type { Actor } from "@/lib/authz/context";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";

// Marking read: only the acting user's own notifications. Another user's notification is
// "not found", exactly like one that does not exist.

export async function markNotificationRead(actor: Actor, id: string, now = new Date()): Promise<void> {
  const { count } = await db().notification.updateMany({
    where: { id, userId: actor.userId },
    data: { readAt: now },
  });
  if (count === 0) throw AppError.notFound("Notification");
}

/** Marks every unread notification of the user read; returns how many were unread. */
export async function markAllNotificationsRead(actor: Actor, now = new Date()): Promise<number> {
  const { count } = await db().notification.updateMany({
    where: { userId: actor.userId, readAt: null },
    data: { readAt: now },
  });
  return count;
}
