"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { userAction } from "@/lib/actions/action";
import { markAllNotificationsRead, markNotificationRead } from "@/lib/notifications/mark-read";
import { notificationIdInput } from "@/lib/notifications/notification-input";

// The user's own notifications: the domain functions change only the acting user's rows.

export const markNotificationReadAction = userAction(
  "notification.mark-read",
  notificationIdInput,
  async (actor, input) => {
    await markNotificationRead(actor, input.id);
    revalidatePath("/", "layout"); // the header's unread count
    return null;
  },
);

export const markAllNotificationsReadAction = userAction("notification.mark-all-read", z.object({}), async (actor) => {
  const count = await markAllNotificationsRead(actor);
  revalidatePath("/", "layout");
  return { count };
});
