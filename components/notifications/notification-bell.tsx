"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import type { FormAction } from "@/components/forms/use-form-action";
import type { NotificationView } from "@/components/notifications/notification-list";
import { NOTIFICATION_KIND_LABELS, notificationTime } from "@/components/notifications/notification-kinds";

type Loaded = { state: "loading" } | { state: "error" } | { state: "ready"; items: NotificationView[] };

// The header's notification centre: the unread count (from the server render), and on
// opening, the latest notifications, fetched then. Following one marks it read.
export function NotificationBell({ unread, markReadAction }: { unread: number; markReadAction: FormAction }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [loaded, setLoaded] = useState<Loaded>({ state: "loading" });
  const root = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    let live = true;
    fetch("/api/notifications?limit=8", { headers: { accept: "application/json" } })
      .then((response) => (response.ok ? response.json() : Promise.reject(new Error(String(response.status)))))
      .then((body: { items: NotificationView[] }) => live && setLoaded({ state: "ready", items: body.items }))
      .catch(() => live && setLoaded({ state: "error" }));
    const close = (event: MouseEvent | KeyboardEvent) => {
      if (event instanceof KeyboardEvent ? event.key === "Escape" : !root.current?.contains(event.target as Node)) {
        setOpen(false);
      }
    };
    document.addEventListener("mousedown", close);
    document.addEventListener("keydown", close);
    return () => {
      live = false;
      document.removeEventListener("mousedown", close);
      document.removeEventListener("keydown", close);
    };
  }, [open]);

  async function follow(item: NotificationView) {
    setOpen(false);
    if (!item.read) {
      const form = new FormData();
      form.set("id", item.id);
      await markReadAction(null, form);
    }
    if (item.href) router.push(item.href);
    router.refresh();
  }

  return (
    <div ref={root} className="relative">
      <button
        type="button"
        aria-haspopup="true"
        aria-expanded={open}
        aria-label={unread > 0 ? `Notifications, ${unread} unread` : "Notifications"}
        onClick={() => {
          if (!open) setLoaded({ state: "loading" });
          setOpen(!open);
        }}
        className="relative flex h-9 w-9 items-center justify-center rounded-full text-slate-600 hover:bg-slate-100"
      >
        <svg
          aria-hidden="true"
          viewBox="0 0 24 24"
          className="h-5 w-5"
          fill="none"
          stroke="currentColor"
          strokeWidth="2"
        >
          <path d="M6 8a6 6 0 1 1 12 0c0 7 3 9 3 9H3s3-2 3-9" strokeLinecap="round" strokeLinejoin="round" />
          <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" strokeLinecap="round" strokeLinejoin="round" />
        </svg>
        {unread > 0 ? (
          <span
            data-testid="unread-count"
            className="absolute -top-0.5 -right-0.5 min-w-5 rounded-full bg-red-600 px-1 text-center text-[11px] leading-5 font-semibold text-white"
          >
            {unread > 99 ? "99+" : unread}
          </span>
        ) : null}
      </button>
      {open ? (
        <div className="absolute right-0 z-50 mt-2 w-80 max-w-[calc(100vw-2rem)] rounded-lg border border-slate-200 bg-white shadow-lg">
          <p className="border-b border-slate-100 px-4 py-2 text-sm font-semibold">Notifications</p>
          {loaded.state === "loading" ? (
            <p className="px-4 py-6 text-sm text-slate-500" role="status">
              Loading…
            </p>
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
              onClick={() => setOpen(false)}
              className="text-brand-700 block rounded-md px-3 py-2 text-sm hover:bg-slate-100"
            >
              All notifications
            </Link>
          </div>
        </div>
      ) : null}
    </div>
  );
}
