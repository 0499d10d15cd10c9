import type { Metadata } from "next";
import { workspacePage } from "@/lib/auth/workspace-page";
import { can } from "@/lib/authz/permissions";
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
} from "./actions";

export const metadata: Metadata = { title: "Environments" };

export default async function EnvironmentsPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const context = await workspacePage(slug);
  const manage = can(context.membership.role, "environment.manage");
  const { total, environments } = await listEnvironments(context);
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
