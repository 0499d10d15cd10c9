import type { Metadata } from "next";
import Link from "next/link";
import { requireSession } from "@/lib/auth/session";
import { ROLE_LABELS } from "@/lib/authz/permissions";
import { consoleWorkspaces } from "@/lib/auth/console-workspaces";
import { StateBadge } from "@/components/ui/badge";
import { WORKSPACE_STATES } from "@/components/ui/states";
import { buttonClass } from "@/components/ui/button-class";
import { MyInvitations } from "@/components/invitations/my-invitations";
import { listMyInvitations } from "@/lib/invitations/list-my-invitations";
import { devOutboxEnabled } from "@/lib/mail/list-outbox";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage() {
  const session = await requireSession();
  const firstName = session.user.name?.split(/\s+/)[0] ?? "there";
  // The layout's list, read once per request.
  const [workspaces, invitations] = await Promise.all([
    consoleWorkspaces(),
    listMyInvitations({ userId: session.user.id }),
  ]);
  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">Welcome, {firstName}</h1>
          <p className="mt-1 text-sm text-slate-600">Signed in as {session.user.name ?? session.user.email}.</p>
        </div>
        <Link href="/workspaces/new" className={buttonClass()}>
          New team workspace
        </Link>
      </div>
      <MyInvitations invitations={invitations} outbox={devOutboxEnabled()} />
      <section aria-labelledby="workspaces-heading">
        <h2 id="workspaces-heading" className="mb-3 text-base font-semibold">
          Your workspaces
        </h2>
        <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
          {workspaces.map((w) => (
            <li key={w.slug}>
              <Link
                href={`/w/${w.slug}`}
                className="hover:border-brand-600 flex h-full flex-col gap-2 rounded-xl border border-slate-200 bg-white p-4"
              >
                <span className="flex items-center justify-between gap-2">
                  <span className="truncate font-medium">{w.displayName}</span>
                  <StateBadge state={w.status} states={WORKSPACE_STATES} />
                </span>
                <span className="text-xs text-slate-500">
                  {w.kind === "PERSONAL" ? "Personal" : "Team"} · {ROLE_LABELS[w.role]}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
