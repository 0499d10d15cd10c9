import type { Metadata } from "next";
import { workspacePage } from "@/lib/auth/workspace-page";
import { assignableRoles, can } from "@/lib/authz/permissions";
import { env } from "@/lib/config/env";
import { listInvitations } from "@/lib/invitations/list-invitations";
import { InvitationList } from "@/components/invitations/invitation-list";
import { InviteForm } from "@/components/invitations/invite-form";
import { inviteMemberAction, resendInvitationAction, revokeInvitationAction } from "./actions";

export const metadata: Metadata = { title: "Invitations" };

export default async function InvitationsPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const context = await workspacePage(slug);
  const role = context.membership.role;
  if (!can(role, "invitation.manage")) {
    return (
      <p className="rounded-xl border border-slate-200 bg-white p-6 text-sm text-slate-600">
        You don&apos;t have access to invitations. Ask an owner or admin of this workspace to invite people.
      </p>
    );
  }
  const invitations = await listInvitations(context);
  const ttlDays = env().CANOPY_INVITATION_TTL_DAYS;

  return (
    <div className="flex flex-col gap-8">
      {can(role, "member.invite") ? (
        <section aria-labelledby="invite-heading" className="rounded-xl border border-slate-200 bg-white p-6">
          <h2 id="invite-heading" className="text-base font-semibold">
            Invite someone
          </h2>
          <p className="mt-1 mb-4 text-sm text-slate-600">
            They get a link that works once and expires after {ttlDays} days. You can give a role up to your own.
          </p>
          <InviteForm action={inviteMemberAction.bind(null, slug)} roles={assignableRoles(role)} />
        </section>
      ) : null}
      <section aria-labelledby="pending-heading" className="flex flex-col gap-3">
        <h2 id="pending-heading" className="text-base font-semibold">
          Pending invitations
        </h2>
        <InvitationList
          invitations={invitations}
          resendAction={resendInvitationAction.bind(null, slug)}
          revokeAction={revokeInvitationAction.bind(null, slug)}
        />
      </section>
    </div>
  );
}
