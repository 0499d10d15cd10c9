import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireSession } from "@/lib/auth/session";
import { devOutboxEnabled, listDevOutbox } from "@/lib/mail/list-outbox";
import { OutboxMessageText } from "@/components/mail/outbox-message-text";
import { DateTime } from "@/components/ui/date-time";

export const metadata: Metadata = { title: "Development outbox", robots: { index: false, follow: false } };

// Where mail goes when no SMTP server is configured (local development). It does not
// exist once SMTP_URL is set.
export default async function DevOutboxPage() {
  if (!devOutboxEnabled()) notFound();
  const session = await requireSession();
  const { email, verified, messages } = await listDevOutbox(session.user.id);

  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="text-2xl font-semibold">Development outbox</h1>
        <p className="mt-1 text-sm text-slate-600">
          No mail server is configured (SMTP_URL is not set), so Canopy keeps the emails it would send here. You see
          only emails addressed to your own verified email address{email ? <> ({email})</> : null}, so nobody can read
          another person&apos;s invitations.
        </p>
      </div>
      {!verified ? (
        <p className="rounded-xl border border-amber-200 bg-amber-50 p-4 text-sm text-amber-900">
          Your email address is not verified, so no emails are shown. Sign in with a provider that verifies it.
        </p>
      ) : messages.length === 0 ? (
        <p className="rounded-xl border border-dashed border-slate-300 bg-white px-4 py-8 text-center text-sm text-slate-600">
          No emails to you yet. Invitations sent to {email} appear here.
        </p>
      ) : (
        <ul className="flex flex-col gap-3" aria-label="Emails, newest first">
          {messages.map((message) => (
            <li key={message.id} data-testid="outbox-message">
              <article
                aria-labelledby={`mail-${message.id}`}
                className="flex flex-col gap-2 rounded-xl border border-slate-200 bg-white p-4 text-sm"
              >
                <header className="flex flex-col gap-0.5">
                  <h2 id={`mail-${message.id}`} className="font-medium">
                    {message.subject}
                  </h2>
                  <p className="text-xs text-slate-500">
                    To {message.to} · <DateTime at={message.createdAt} />
                  </p>
                </header>
                <OutboxMessageText text={message.text} />
              </article>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
