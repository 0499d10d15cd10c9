import type { Metadata } from "next";
import Link from "next/link";
import { accountOverview } from "@/lib/account/account-overview";
import { currentSessionToken, requireSession } from "@/lib/auth/session";
import { signInProviders } from "@/lib/auth/sign-in-providers";
import { EndOtherSessionsForm } from "@/components/account/end-other-sessions-form";
import { notificationTime } from "@/components/notifications/notification-kinds";
import { StateBadge } from "@/components/ui/badge";
import { SectionCard } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { KUBECONFIG_STATES } from "@/components/ui/states";
import { endOtherSessionsAction } from "./actions";

export const metadata: Metadata = { title: "Account" };

function When({ at }: { at: Date }) {
  return <time dateTime={at.toISOString()}>{notificationTime(at)}</time>;
}

export default async function AccountPage() {
  const session = await requireSession();
  const account = await accountOverview({ userId: session.user.id }, await currentSessionToken());
  const providerNames = new Map(signInProviders().map((p) => [p.id, p.name]));
  const others = account.sessions.filter((s) => !s.current).length;
  return (
    <div className="flex max-w-3xl flex-col gap-6">
      <h1 className="text-2xl font-semibold">Account</h1>

      <SectionCard id="profile-heading" title="Profile">
        <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[10rem_1fr]">
          <dt className="text-slate-500">Name</dt>
          <dd>{account.profile.name ?? "—"}</dd>
          <dt className="text-slate-500">Email</dt>
          <dd className="break-all">
            {account.profile.email ?? "—"} {account.profile.emailVerified ? "(verified)" : "(not verified)"}
          </dd>
          <dt className="text-slate-500">Member since</dt>
          <dd>
            <When at={account.profile.since} />
          </dd>
        </dl>
        <p className="text-xs text-slate-500">Your name and email come from your sign-in provider.</p>
      </SectionCard>

      <SectionCard id="providers-heading" title="Sign-in providers">
        <ul className="flex flex-col gap-1 text-sm" data-testid="providers">
          {account.providers.map((p) => (
            <li key={`${p.provider}:${p.accountId}`}>
              {providerNames.get(p.provider) ?? p.provider}{" "}
              <span className="text-slate-500">· account {p.accountId}</span>
            </li>
          ))}
        </ul>
      </SectionCard>

      <SectionCard id="sessions-heading" title="Sessions">
        <ul className="flex flex-col gap-1 text-sm" data-testid="sessions">
          {account.sessions.map((s) => (
            <li key={s.id}>
              {s.current ? <span className="font-medium">This browser</span> : "Another browser"}{" "}
              <span className="text-slate-500">
                · until <When at={s.expires} />
              </span>
            </li>
          ))}
        </ul>
        <EndOtherSessionsForm action={endOtherSessionsAction} others={others} />
      </SectionCard>

      <SectionCard id="kubeconfigs-heading" title="Kubeconfigs">
        {account.kubeconfigs.length === 0 ? (
          <EmptyState>No kubeconfigs yet. Issue one from a workspace&apos;s Kubeconfig page.</EmptyState>
        ) : (
          <ul className="flex flex-col divide-y divide-slate-100 text-sm" data-testid="kubeconfigs">
            {account.kubeconfigs.map((k) => (
              <li key={k.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 py-2">
                <span className="font-medium break-all">{k.label}</span>
                <Link href={`/w/${k.workspace.slug}/kubeconfig`} className="text-brand-700 hover:underline">
                  {k.workspace.displayName}
                </Link>
                <StateBadge state={k.status} states={KUBECONFIG_STATES} />
                <span className="text-slate-500">
                  expires <When at={k.expiresAt} />
                </span>
              </li>
            ))}
          </ul>
        )}
      </SectionCard>
    </div>
  );
}
