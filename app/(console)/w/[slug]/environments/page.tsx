import type { Metadata } from "next";
import { workspacePage } from "@/lib/auth/workspace-page";
import { can, ROLE_LABELS, ROLES } from "@/lib/authz/permissions";
import { listEnvironmentRoles } from "@/lib/environments/environment-roles";
import { listMembers } from "@/lib/members/list-members";
import { EnvironmentRolesForm } from "@/components/environments/environment-roles-form";
import { DEFAULT_ENVIRONMENT, MAX_ENVIRONMENT_NAME } from "@/lib/environments/environment-name";
import { environmentInventory } from "@/lib/environments/delete-environment";
import { listEnvironments } from "@/lib/environments/list-environments";
import { QUOTA_KEYS, formatQuotaAmount } from "@/lib/quotas/quota-keys";
import { SectionCard } from "@/components/ui/card";
import { CreateEnvironmentForm } from "@/components/environments/create-environment-form";
import { DeleteEnvironmentForm } from "@/components/environments/delete-environment-form";
import { EnvironmentCard } from "@/components/environments/environment-card";
import { MoveQuotaForm } from "@/components/environments/move-quota-form";
import { RenameEnvironmentForm } from "@/components/environments/rename-environment-form";
import {
  createEnvironmentAction,
  deleteEnvironmentAction,
  moveQuotaAction,
  previewQuotaMoveAction,
  renameEnvironmentAction,
  setEnvironmentRoleAction,
} from "./actions";

export const metadata: Metadata = { title: "Environments" };

export default async function EnvironmentsPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const context = await workspacePage(slug);
  const manage = can(context.membership.role, "environment.manage");
  const manageRoles = can(context.membership.role, "environment.roles");
  const { total, environments } = await listEnvironments(context);
  const others = environments.filter((e) => e.environment !== DEFAULT_ENVIRONMENT);
  const [members, lowered] =
    manageRoles && others.length > 0
      ? await Promise.all([listMembers(context), listEnvironmentRoles(context.workspace.id)])
      : [[], []];
  const memberLabel = (m: { name: string | null; email: string | null }) => m.name ?? m.email ?? "Someone";
  const inventories = manage
    ? new Map(
        await Promise.all(
          environments
            .filter((e) => e.environment !== DEFAULT_ENVIRONMENT)
            .map(async (e) => [e.environment, await environmentInventory(context, e.environment)] as const),
        ),
      )
    : new Map();

  return (
    <div className="flex max-w-4xl flex-col gap-6">
      <SectionCard id="environments-heading" title="Environments">
        <p className="text-sm text-slate-600">
          Each environment is a namespace of its own with the same isolation, and a slice of the workspace&apos;s quota
          ({QUOTA_KEYS.map(({ key }) => formatQuotaAmount(key, total[key])).join(", ")} in all). The default environment
          has what the others leave.
        </p>
        <ul className="flex flex-col gap-3" aria-label="Environments">
          {environments.map((e) => (
            <EnvironmentCard key={e.environment} environment={e}>
              {manage ? (
                <div className="flex flex-col gap-2 border-t border-slate-100 pt-3 sm:flex-row sm:items-end sm:justify-between">
                  <RenameEnvironmentForm
                    action={renameEnvironmentAction.bind(null, slug)}
                    environment={e.environment}
                    displayName={e.displayName}
                  />
                  {inventories.has(e.environment) ? (
                    <DeleteEnvironmentForm
                      action={deleteEnvironmentAction.bind(null, slug)}
                      environment={e.environment}
                      displayName={e.displayName}
                      inventory={inventories.get(e.environment)!}
                    />
                  ) : (
                    <p className="text-xs text-slate-500">The default environment cannot be deleted.</p>
                  )}
                </div>
              ) : null}
            </EnvironmentCard>
          ))}
        </ul>
      </SectionCard>

      {manageRoles && others.length > 0 ? (
        <SectionCard id="environment-roles-heading" title="Roles per environment">
          <p className="text-sm text-slate-600">
            A member&apos;s role in one environment can be lower than in the workspace, for example a developer who is a
            viewer in prod. The cluster&apos;s RBAC in that namespace follows it.
          </p>
          <EnvironmentRolesForm
            action={setEnvironmentRoleAction.bind(null, slug)}
            members={members.map((m) => ({
              membershipId: m.membershipId,
              label: memberLabel(m),
              role: ROLE_LABELS[m.role],
            }))}
            environments={others.map((e) => ({ environment: e.environment, displayName: e.displayName }))}
            roles={[
              { value: "INHERIT", label: "Same as in the workspace" },
              ...ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] })),
            ]}
            lowered={lowered.flatMap((l) => {
              const member = members.find((m) => m.membershipId === l.membershipId);
              const environment = others.find((e) => e.environment === l.environment);
              return member && environment
                ? [
                    {
                      membershipId: l.membershipId,
                      member: memberLabel(member),
                      workspaceRole: ROLE_LABELS[member.role],
                      environment: l.environment,
                      environmentName: environment.displayName,
                      role: ROLE_LABELS[l.role],
                    },
                  ]
                : [];
            })}
          />
        </SectionCard>
      ) : null}

      {manage ? (
        <>
          <SectionCard id="move-quota-heading" title="Move quota">
            {environments.length < 2 ? (
              <p className="text-sm text-slate-600">Create a second environment to split the quota.</p>
            ) : (
              <MoveQuotaForm
                previewAction={previewQuotaMoveAction.bind(null, slug)}
                moveAction={moveQuotaAction.bind(null, slug)}
                environments={environments.map((e) => ({ environment: e.environment, displayName: e.displayName }))}
              />
            )}
          </SectionCard>
          <SectionCard id="create-environment-heading" title="New environment">
            <CreateEnvironmentForm
              action={createEnvironmentAction.bind(null, slug)}
              maxNameLength={MAX_ENVIRONMENT_NAME}
            />
          </SectionCard>
        </>
      ) : (
        <p className="text-sm text-slate-600">Only owners and admins can create, delete or resize environments.</p>
      )}
    </div>
  );
}
