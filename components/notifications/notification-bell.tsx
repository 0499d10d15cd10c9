"use client";

import { lazy, Suspense, useEffect, useRef, useState } from "react";
import type { FormAction } from "@/components/forms/use-form-action";
import { whenIdle } from "@/components/ui/when-idle";

// The header's notification centre: the unread count (from the server render), and on
// opening, the latest notifications (notification-menu.tsx, fetched then). The menu's code
// is fetched when the browser is idle after the page loads, since every console page has a
// bell and few open it.

const loadMenu = () => import("@/components/notifications/notification-menu");
const NotificationMenu = lazy(loadMenu);

export function NotificationBell({ unread, markReadAction }: { unread: number; markReadAction: FormAction }) {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);

  useEffect(() => whenIdle(() => void loadMenu()), []);
  useEffect(() => {
    if (!open) return;
    const close = (event: MouseEvent | KeyboardEvent) => {
      if (event instanceof KeyboardEvent ? event.key === "Escape" : !root.current?.contains(event.target as Node)) {
        setOpen(false);
      }
    };
    document.addEventListener("mousedown", close);
    document.addEventListener("keydown", close);
    return () => {
      document.removeEventListener("mousedown", close);
      document.removeEventListener("keydown", close);
    };
  }, [open]);

  return (
    <div ref={root} className="relative">
      <button
        type="button"
        aria-haspopup="true"
        aria-expanded={open}
        aria-label={unread > 0 ? `Notifications, ${unread} unread` : "Notifications"}
        onClick={() => setOpen(!open)}
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
          <Suspense fallback={<NotificationsLoading />}>
            <NotificationMenu markReadAction={markReadAction} onClose={() => setOpen(false)} />
          </Suspense>
        </div>
      ) : null}
    </div>
  );
}

/** What the open menu shows until the notifications (or the menu's code) have come. */
export function NotificationsLoading() {
  return (
    <p className="px-4 py-6 text-sm text-slate-500" role="status">
      Loading…
    </p>
  );
}
