"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import type { FormAction } from "@/components/forms/use-form-action";
import type { NotificationView } from "@/components/notifications/notification-list";
import { NOTIFICATION_KIND_LABELS, notificationTime } from "@/components/notifications/notification-kinds";
import { NotificationsLoading } from "@/components/notifications/notification-bell";

type Loaded = { state: "loading" } | { state: "error" } | { state: "ready"; items: NotificationView[] };

// The bell's open menu: the latest notifications, fetched as it opens. Following one marks
// it read. Apart from the bell (notification-bell.tsx), which every console page carries,
// and fetched when the browser is idle after the page loads.
export default function NotificationMenu({
  markReadAction,
  onClose,
}: {
  markReadAction: FormAction;
  onClose: () => void;
}) {
  const router = useRouter();
  const [loaded, setLoaded] = useState<Loaded>({ state: "loading" });

  useEffect(() => {
    let live = true;
    fetch("/api/notifications?limit=8", { headers: { accept: "application/json" } })
      .then((response) => (response.ok ? response.json() : Promise.reject(new Error(String(response.status)))))
      .then((body: { items: NotificationView[] }) => live && setLoaded({ state: "ready", items: body.items }))
      .catch(() => live && setLoaded({ state: "error" }));
    return () => {
      live = false;
    };
  }, []);

  async function follow(item: NotificationView) {
    onClose();
    if (!item.read) {
      const form = new FormData();
      form.set("id", item.id);
      await markReadAction(null, form);
    }
    if (item.href) router.push(item.href);
    router.refresh();
  }

  return (
    <>
      {loaded.state === "loading" ? (
        <NotificationsLoading />
      ) : loaded.state === "error" ? (
        <p className="px-4 py-6 text-sm text-red-700" role="alert">
          Notifications could not be loaded. Try again in a moment.
        </p>
      ) : loaded.items.length === 0 ? (
        <p className="px-4 py-6 text-sm text-slate-500">No notifications yet.</p>
      ) : (
        <ul aria-label="Latest notifications" className="max-h-96 overflow-y-auto">
          {loaded.items.map((item) => (
            <li key={item.id}>
              <button
                type="button"
                onClick={() => void follow(item)}
                className="flex w-full gap-2 px-4 py-3 text-left hover:bg-slate-50"
              >
                <span
                  aria-hidden="true"
                  className={`mt-1.5 h-2 w-2 shrink-0 rounded-full ${item.read ? "" : "bg-brand-600"}`}
                />
                <span className="flex min-w-0 flex-col gap-0.5">
                  <span className={`text-sm break-words ${item.read ? "text-slate-700" : "font-medium"}`}>
                    {item.read ? null : <span className="sr-only">Unread: </span>}
                    {item.title}
                  </span>
                  <span className="text-xs text-slate-500">
                    {NOTIFICATION_KIND_LABELS[item.kind] ?? item.kind} · {notificationTime(item.createdAt)}
                  </span>
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="border-t border-slate-100 p-1">
        <Link
          href="/notifications"
          onClick={onClose}
          className="text-brand-700 block rounded-md px-3 py-2 text-sm hover:bg-slate-100"
        >
          All notifications
        </Link>
      </div>
    </>
  );
}
