import { ROLE_LABELS } from "@/lib/authz/permissions";
import type { OpenInvitation } from "@/lib/invitations/list-invitations";
import { InvitationActions } from "@/components/invitations/invitation-actions";

const dateTime = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

function When({ date }: { date: Date }) {
  return <time dateTime={date.toISOString()}>{dateTime.format(date)} UTC</time>;
}

export function InvitationList({ slug, invitations }: { slug: string; invitations: OpenInvitation[] }) {
  if (invitations.length === 0) {
    return (
      <p className="rounded-xl border border-dashed border-slate-300 bg-white px-4 py-8 text-center text-sm text-slate-600">
        No pending invitations. Invite someone above; they appear here until they accept or decline.
      </p>
    );
  }
  return (
    <ul className="flex flex-col gap-3" aria-label="Pending invitations">
      {invitations.map((invitation) => (
        <li
          key={invitation.id}
          data-testid="invitation"
          className="flex flex-col gap-3 rounded-xl border border-slate-200 bg-white p-4 lg:flex-row lg:items-start lg:justify-between"
        >
          <div className="flex min-w-0 flex-col gap-1 text-sm">
            <p className="flex flex-wrap items-center gap-2">
              <span className="truncate font-medium">{invitation.email}</span>
              <span className="rounded-full border border-slate-200 bg-slate-50 px-2 py-0.5 text-xs">
                {ROLE_LABELS[invitation.role]}
              </span>
              {invitation.status === "expired" ? (
                <span className="rounded-full border border-amber-200 bg-amber-50 px-2 py-0.5 text-xs font-medium text-amber-800">
                  Expired
                </span>
              ) : (
                <span className="border-brand-100 bg-brand-50 text-brand-800 rounded-full border px-2 py-0.5 text-xs font-medium">
                  Pending
                </span>
              )}
            </p>
            <p className="text-slate-600">
              {invitation.status === "expired" ? "Expired " : "Expires "}
              <When date={invitation.expiresAt} />
              {" · invited by "}
              {invitation.invitedByName ?? "someone"} on <When date={invitation.createdAt} />
            </p>
          </div>
          <div className="lg:max-w-md lg:min-w-72">
            <InvitationActions
              slug={slug}
              invitationId={invitation.id}
              email={invitation.email}
              canResend={invitation.canResend}
            />
          </div>
        </li>
      ))}
    </ul>
  );
}
