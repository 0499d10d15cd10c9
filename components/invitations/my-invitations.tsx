import Link from "next/link";
import { ROLE_LABELS, type Role } from "@/lib/authz/permissions";
import { notificationTime } from "@/components/notifications/notification-kinds";

// The open invitations to the signed-in user, on the dashboard. Answering one takes its
// link (the token is only in the email); in development the email is in the outbox.
export function MyInvitations({
  invitations,
  outbox,
}: {
  invitations: { id: string; workspaceName: string; role: Role; invitedBy: string | null; expiresAt: Date }[];
  outbox: boolean;
}) {
  if (invitations.length === 0) return null;
  return (
    <section aria-labelledby="invitations-heading" className="border-brand-100 bg-brand-50 rounded-xl border p-4">
      <h2 id="invitations-heading" className="text-base font-semibold">
        Pending invitations
      </h2>
      <ul className="mt-2 flex flex-col gap-2">
        {invitations.map((invitation) => (
          <li key={invitation.id} data-testid="pending-invitation" className="text-sm">
            <span className="font-medium">{invitation.workspaceName}</span> as{" "}
            {ROLE_LABELS[invitation.role].toLowerCase()}
            {invitation.invitedBy ? `, from ${invitation.invitedBy}` : ""}{" "}
            <span className="text-slate-500">
              · expires{" "}
              <time dateTime={invitation.expiresAt.toISOString()}>{notificationTime(invitation.expiresAt)}</time>
            </span>
          </li>
        ))}
      </ul>
      <p className="mt-3 text-sm text-slate-700">
        Open the link in the invitation email to accept or decline.
        {outbox ? (
          <>
            {" "}
            No mail server is configured: the emails are in the{" "}
            <Link href="/dev/outbox" className="text-brand-700 underline">
              development outbox
            </Link>
            .
          </>
        ) : null}
      </p>
    </section>
  );
}
