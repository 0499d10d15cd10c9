import { ROLE_LABELS } from "@/lib/authz/permissions";
import type { OpenInvitation } from "@/lib/invitations/list-invitations";
import { InvitationActions, type InvitationActionsProps } from "@/components/invitations/invitation-actions";
import { Badge, StateBadge } from "@/components/ui/badge";
import { cardClass } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { INVITATION_STATES } from "@/components/ui/states";
import { DateTime } from "@/components/ui/date-time";
import { Email } from "@/components/ui/email";

function When({ date }: { date: Date }) {
  return <DateTime at={date} />;
}

export function InvitationList({
  invitations,
  ...actions
}: InvitationActionsProps & { invitations: OpenInvitation[] }) {
  if (invitations.length === 0) {
    return (
      <EmptyState align="center">
        No pending invitations. Invite someone above; they appear here until they accept or decline.
      </EmptyState>
    );
  }
  return (
    <ul className="flex flex-col gap-3" aria-label="Pending invitations">
      {invitations.map((invitation) => (
        <li
          key={invitation.id}
          data-testid="invitation"
          className={cardClass({
            padding: "sm",
            className: "flex flex-col gap-3 lg:flex-row lg:items-start lg:justify-between",
          })}
        >
          <div className="flex min-w-0 flex-col gap-1 text-sm">
            <p className="flex flex-wrap items-center gap-2">
              <Email address={invitation.email} className="min-w-0 font-medium" />
              <Badge tone="quiet" weight="normal">
                {ROLE_LABELS[invitation.role]}
              </Badge>
              <StateBadge state={invitation.status} states={INVITATION_STATES} />
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
              {...actions}
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
