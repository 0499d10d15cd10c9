"use client";

import Link from "next/link";
import { FormMessage } from "@/components/forms/form-message";
import { SubmitButton } from "@/components/forms/submit-button";
import { useFormAction, type FormAction } from "@/components/forms/use-form-action";
import { EmptyState } from "@/components/ui/empty-state";
import { NOTIFICATION_KIND_LABELS, notificationTime } from "@/components/notifications/notification-kinds";

export interface NotificationView {
  id: string;
  kind: string;
  title: string;
  body: string;
  href: string | null;
  workspace: { slug: string; displayName: string } | null;
  createdAt: string;
  read: boolean;
}

function MarkRead({ action, item }: { action: FormAction; item: NotificationView }) {
  const { formAction, failure } = useFormAction(action);
  return (
    <form action={formAction} className="shrink-0">
      <input type="hidden" name="id" value={item.id} />
      <SubmitButton variant="secondary" pendingLabel="Marking…" aria-label={`Mark "${item.title}" read`}>
        Mark read
      </SubmitButton>
      <FormMessage state={failure} />
    </form>
  );
}

export function NotificationList({
  items,
  markReadAction,
  emptyText,
}: {
  items: NotificationView[];
  markReadAction: FormAction;
  emptyText: string;
}) {
  if (items.length === 0) return <EmptyState title="Nothing here">{emptyText}</EmptyState>;
  return (
    <ul aria-label="Notifications" className="divide-y divide-slate-100 rounded-xl border border-slate-200 bg-white">
      {items.map((item) => (
        <li
          key={item.id}
          data-testid="notification"
          data-read={item.read}
          className="flex flex-col gap-2 p-4 sm:flex-row sm:items-start"
        >
          <span
            aria-hidden="true"
            className={`mt-1.5 h-2 w-2 shrink-0 rounded-full ${item.read ? "bg-transparent" : "bg-brand-600"}`}
          />
          <div className="flex min-w-0 flex-1 flex-col gap-1">
            <p className="text-sm font-medium break-words">
              {item.read ? null : <span className="sr-only">Unread: </span>}
              {item.href ? (
                <Link href={item.href} className="hover:underline">
                  {item.title}
                </Link>
              ) : (
                item.title
              )}
            </p>
            {item.body ? <p className="text-sm break-words text-slate-600">{item.body}</p> : null}
            <p className="text-xs text-slate-500">
              {NOTIFICATION_KIND_LABELS[item.kind] ?? item.kind}
              {item.workspace ? ` · ${item.workspace.displayName}` : ""} ·{" "}
              <time dateTime={item.createdAt}>{notificationTime(item.createdAt)}</time>
            </p>
          </div>
          {item.read ? null : <MarkRead action={markReadAction} item={item} />}
        </li>
      ))}
    </ul>
  );
}
