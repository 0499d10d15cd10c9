import type { Metadata } from "next";
import Link from "next/link";
import { requireSession } from "@/lib/auth/session";
import { countUnread, listNotifications } from "@/lib/notifications/list-notifications";
import { NotificationList } from "@/components/notifications/notification-list";
import { MarkAllRead } from "@/components/notifications/mark-all-read";
import { markAllNotificationsReadAction, markNotificationReadAction } from "./actions";

export const metadata: Metadata = { title: "Notifications" };

export default async function NotificationsPage({ searchParams }: { searchParams: Promise<{ show?: string }> }) {
  const session = await requireSession();
  const actor = { userId: session.user.id };
  const unreadOnly = (await searchParams).show === "unread";
  const [items, unread] = await Promise.all([listNotifications(actor, { unreadOnly }), countUnread(actor)]);
  const tab = (active: boolean) =>
    `rounded-md px-3 py-1.5 text-sm ${active ? "bg-slate-900 text-white" : "text-slate-700 hover:bg-slate-100"}`;
  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">Notifications</h1>
          <p className="mt-1 text-sm text-slate-600">
            Budget alerts, invitations, quotas near their limit, failing runtimes and approvals.{" "}
            {unread === 0 ? "All read." : `${unread} unread.`}
          </p>
        </div>
        <MarkAllRead action={markAllNotificationsReadAction} disabled={unread === 0} />
      </div>
      <nav aria-label="Show" className="flex gap-2">
        <Link href="/notifications" aria-current={!unreadOnly ? "page" : undefined} className={tab(!unreadOnly)}>
          All
        </Link>
        <Link
          href="/notifications?show=unread"
          aria-current={unreadOnly ? "page" : undefined}
          className={tab(unreadOnly)}
        >
          Unread
        </Link>
      </nav>
      <NotificationList
        items={items.map((item) => ({ ...item, createdAt: item.createdAt.toISOString() }))}
        markReadAction={markNotificationReadAction}
        emptyText={unreadOnly ? "No unread notifications." : "No notifications yet. They appear here as they happen."}
      />
    </div>
  );
}
