import type { Metadata } from "next";
import Link from "next/link";
import { workspacePage } from "@/lib/auth/workspace-page";
import { environmentParam, workspaceHref } from "@/lib/environments/environment-param";
import { ROLE_LABELS, can } from "@/lib/authz/permissions";
import { listMembers } from "@/lib/members/list-members";
import { LAST_OWNER_LEAVE_MESSAGE, PERSONAL_LEAVE_MESSAGE } from "@/lib/members/leave-workspace";
import { canChangeRoleOf, canRemove, roleOptions } from "@/lib/members/member-rules";
import { ConfirmAction } from "@/components/forms/confirm-action";
import { MemberRoleForm } from "@/components/members/member-role-form";
import { changeMemberRoleAction, leaveWorkspaceAction, removeMemberAction } from "./actions";
import { Email } from "@/components/ui/email";

export const metadata: Metadata = { title: "Members" };

const joined = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeZone: "UTC" });

export default async function MembersPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { slug } = await params;
  const environment = environmentParam(await searchParams);
  const context = await workspacePage(slug);
  const { workspace, membership } = context;
  if (!can(membership.role, "member.list")) {
    return <p className="text-sm text-slate-600">You don&apos;t have access to the member list of this workspace.</p>;
  }
  const members = await listMembers(context);
  const me = members.find((m) => m.membershipId === membership.id);
  const owners = members.filter((m) => m.role === "OWNER").length;
  const leaveBlockedBy = me?.isPersonalOwner
    ? PERSONAL_LEAVE_MESSAGE
    : membership.role === "OWNER" && owners <= 1
      ? LAST_OWNER_LEAVE_MESSAGE
      : null;
  const changeRole = changeMemberRoleAction.bind(null, slug);
  const remove = removeMemberAction.bind(null, slug);
  const options = roleOptions(membership.role);

  return (
    <div className="flex flex-col gap-8">
      <section aria-labelledby="members-heading" className="flex flex-col gap-3">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h2 id="members-heading" className="text-base font-semibold">
            Members <span className="font-normal text-slate-500">({members.length})</span>
          </h2>
          {can(membership.role, "member.invite") ? (
            <Link
              href={workspaceHref(slug, `/invitations`, environment)}
              className="text-brand-700 text-sm hover:underline"
            >
              Invite people
            </Link>
          ) : null}
        </div>
        <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white">
          <table className="w-full text-left text-sm">
            <thead className="border-b border-slate-200 bg-slate-50 text-xs text-slate-500 uppercase">
              <tr>
                <th scope="col" className="px-4 py-2 font-medium">
                  Member
                </th>
                <th scope="col" className="hidden px-4 py-2 font-medium sm:table-cell">
                  Joined
                </th>
                <th scope="col" className="px-4 py-2 font-medium">
                  Role
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {members.map((member) => {
                const name = member.name ?? member.email ?? "Unnamed member";
                const isMe = member.membershipId === membership.id;
                const mayChange = !isMe && canChangeRoleOf(membership.role, member);
                const mayRemove = canRemove(membership.role, membership.id, member);
                return (
                  <tr key={member.membershipId} className="align-top">
                    <th scope="row" className="px-4 py-3 font-normal">
                      <span className="block font-medium [overflow-wrap:anywhere] text-slate-900">
                        {name}
                        {isMe ? <span className="ml-1 text-xs font-normal text-slate-500">(you)</span> : null}
                      </span>
                      {member.email && member.email !== name ? (
                        <Email address={member.email} className="block text-xs text-slate-500" />
                      ) : null}
                    </th>
                    <td className="hidden px-4 py-3 whitespace-nowrap text-slate-600 sm:table-cell">
                      <time dateTime={member.joinedAt.toISOString()}>{joined.format(member.joinedAt)}</time>
                    </td>
                    <td className="px-4 py-3">
                      {/* The role and the remove button share a cell, so both fit on a phone. */}
                      <div className="flex flex-wrap items-start justify-between gap-2">
                        {mayChange ? (
                          <MemberRoleForm
                            action={changeRole}
                            membershipId={member.membershipId}
                            memberName={name}
                            role={member.role}
                            options={options}
                          />
                        ) : (
                          <span className="inline-block py-1.5">{ROLE_LABELS[member.role]}</span>
                        )}
                        {mayRemove ? (
                          <ConfirmAction
                            action={remove}
                            fields={{ membershipId: member.membershipId }}
                            triggerLabel="Remove"
                            title={`Remove ${name}?`}
                            description={
                              <p>
                                <strong>{name}</strong> loses access to <strong>{workspace.displayName}</strong> at
                                once, including any cluster credentials issued to them for it.
                              </p>
                            }
                            confirmLabel="Remove member"
                            pendingLabel="Removing…"
                          />
                        ) : null}
                      </div>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        {members.length === 1 ? (
          <p className="text-sm text-slate-600">
            You are the only member so far.
            {can(membership.role, "member.invite") ? " Invite people to work here with you." : null}
          </p>
        ) : null}
      </section>

      <section
        aria-labelledby="leave-heading"
        className="flex flex-col gap-3 rounded-xl border border-slate-200 bg-white p-4 sm:flex-row sm:items-center sm:justify-between"
      >
        <div>
          <h2 id="leave-heading" className="text-base font-semibold">
            Leave workspace
          </h2>
          <p className="mt-1 text-sm text-slate-600">
            {leaveBlockedBy ?? "You lose access to this workspace and its cluster namespace at once."}
          </p>
        </div>
        {leaveBlockedBy ? null : (
          <ConfirmAction
            action={leaveWorkspaceAction.bind(null, slug)}
            triggerLabel="Leave workspace"
            title={`Leave ${workspace.displayName}?`}
            description={<p>You lose access at once. To come back, someone has to invite you again.</p>}
            confirmLabel="Leave workspace"
            pendingLabel="Leaving…"
          />
        )}
      </section>
    </div>
  );
}
