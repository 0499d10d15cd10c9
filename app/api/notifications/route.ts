import { userGetRoute } from "@/lib/actions/route";
import { countUnread, listNotifications } from "@/lib/notifications/list-notifications";
import { listNotificationsInput } from "@/lib/notifications/notification-input";

// The header's notification menu: the signed-in user's latest notifications and unread count.
export const GET = userGetRoute("notification.list", listNotificationsInput, async (actor, input) => {
  const [items, unread] = await Promise.all([listNotifications(actor, { limit: input.limit }), countUnread(actor)]);
  return { items, unread };
});
