import type { Metadata } from "next";
import { workspacePage, workspacePageEnvironmentNames } from "@/lib/auth/workspace-page";
import { assignableRoles, can, ROLE_LABELS } from "@/lib/authz/permissions";
import { listApiTokens } from "@/lib/api-tokens/list-tokens";
import { env } from "@/lib/config/env";
import { PERSONAL_DELETE_MESSAGE } from "@/lib/workspaces/delete-workspace";
import { deletionInventory } from "@/lib/workspaces/deletion-inventory";
import { getWorkspaceDetails } from "@/lib/workspaces/get-workspace-details";
import { listMembers } from "@/lib/members/list-members";
import { SectionCard } from "@/components/ui/card";
import { DeleteWorkspaceForm } from "@/components/workspace/delete-workspace-form";
import { RenameWorkspaceForm } from "@/components/workspace/rename-workspace-form";
import { CreateTokenForm } from "@/components/api-tokens/create-token-form";
import { TokenList } from "@/components/api-tokens/token-list";
import { createApiTokenAction, revokeApiTokenAction } from "./api-token-actions";
import { TransferOwnershipForm } from "@/components/workspace/transfer-ownership-form";
import { deleteWorkspaceAction, renameWorkspaceAction, transferOwnershipAction } from "./actions";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const context = await workspacePage(slug);
  const role = context.membership.role;
  const details = await getWorkspaceDetails(context);
  const personal = details.kind === "PERSONAL";
  const candidates =
    can(role, "workspace.transfer") && !personal
      ? (await listMembers(context))
          .filter((m) => m.membershipId !== context.membership.id)
          .map((m) => ({ membershipId: m.membershipId, name: m.name ?? m.email ?? "Unnamed member", email: m.email }))
      : [];
  // What deleting destroys, for the owner's confirmation dialog.
  const inventory = can(role, "workspace.delete") && !personal ? await deletionInventory(context) : null;
  const [tokens, environments] = await Promise.all([listApiTokens(context), workspacePageEnvironmentNames(slug)]);
  const displayNames = new Map(environments.map((e) => [e.environment, e.displayName]));
  const config = env();

  return (
    <div className="flex max-w-3xl flex-col gap-6">
      <SectionCard id="general-heading" title="General">
        {can(role, "workspace.update") ? (
          <RenameWorkspaceForm action={renameWorkspaceAction.bind(null, slug)} displayName={details.displayName} />
        ) : (
          <p className="text-sm text-slate-600">Only owners and admins can rename this workspace.</p>
        )}
        <dl className="grid grid-cols-1 gap-x-6 gap-y-3 border-t border-slate-100 pt-4 text-sm sm:grid-cols-[auto_1fr]">
          <dt className="font-medium text-slate-800">URL name</dt>
          <dd className="text-slate-600">
            <code className="rounded bg-slate-100 px-1">{details.slug}</code>
          </dd>
          <dt className="font-medium text-slate-800">Namespace</dt>
          <dd className="text-slate-600">
            <code className="rounded bg-slate-100 px-1">{details.namespace}</code>
          </dd>
          <dt className="font-medium text-slate-800">Plan</dt>
          <dd className="text-slate-600">
            {details.plan.name}
            {details.plan.description ? <span className="block text-xs">{details.plan.description}</span> : null}
          </dd>
          <dt className="font-medium text-slate-800">Kind</dt>
          <dd className="text-slate-600">{personal ? "Personal" : "Team"}</dd>
        </dl>
      </SectionCard>

      <SectionCard id="api-tokens-heading" title="API tokens">
        <p className="text-sm text-slate-600">
          Personal access tokens let pipelines and scripts use the{" "}
          <a className="text-brand-700 underline" href="/docs/api">
            REST API
          </a>{" "}
          as you, in this workspace only (or only one of its environments), with the role you choose (never more than
          your own, now or later). Removing you from the workspace ends them; deleting an environment ends its tokens.
        </p>
        <CreateTokenForm
          action={createApiTokenAction.bind(null, slug)}
          roles={assignableRoles(role).map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
          environments={environments}
          maxDays={config.CANOPY_API_TOKEN_MAX_DAYS}
          origin={new URL(config.NEXTAUTH_URL).origin}
          slug={slug}
        />
        <TokenList
          revokeAction={revokeApiTokenAction.bind(null, slug)}
          items={tokens.map((t) => ({
            id: t.id,
            name: t.name,
            prefix: t.prefix,
            roleLabel: ROLE_LABELS[t.role],
            cappedTo: t.effectiveRole !== t.role ? ROLE_LABELS[t.effectiveRole] : null,
            state: t.state,
            createdAt: t.createdAt.toISOString(),
            expiresAt: t.expiresAt.toISOString(),
            lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
            environment:
              t.environment && !t.environmentDeleted
                ? (displayNames.get(t.environment) ?? t.environment)
                : t.environment,
            environmentDeleted: t.environmentDeleted,
          }))}
        />
      </SectionCard>

      {can(role, "workspace.transfer") ? (
        <SectionCard id="transfer-heading" title="Transfer ownership">
          {personal || !inventory ? (
            <p className="text-sm text-slate-600">
              A personal workspace always belongs to you; it cannot be transferred.
            </p>
          ) : candidates.length === 0 ? (
            <p className="text-sm text-slate-600">
              Ownership can only go to a member of this workspace. Invite someone first.
            </p>
          ) : (
            <>
              <p className="text-sm text-slate-600">
                The member you choose becomes owner and you become an admin, in one step.
              </p>
              <TransferOwnershipForm
                action={transferOwnershipAction.bind(null, slug)}
                candidates={candidates}
                workspaceName={details.displayName}
              />
            </>
          )}
        </SectionCard>
      ) : null}

      {can(role, "workspace.delete") ? (
        <SectionCard id="danger-heading" title="Delete workspace" tone="danger">
          {personal || !inventory ? (
            <p className="text-sm text-slate-600">{PERSONAL_DELETE_MESSAGE}</p>
          ) : (
            <div className="flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between">
              <p className="text-sm text-slate-600">
                Deletes the namespace and everything in it and ends every membership. Billing stops at once.
              </p>
              <DeleteWorkspaceForm
                action={deleteWorkspaceAction.bind(null, slug)}
                slug={details.slug}
                displayName={details.displayName}
                namespace={details.namespace}
                inventory={inventory}
              />
            </div>
          )}
        </SectionCard>
      ) : (
        <p className="text-sm text-slate-600">Only owners can transfer or delete this workspace.</p>
      )}
    </div>
  );
}
