"use client";

import { SelectField, TextAreaField } from "@/components/forms/field";
import { ConfirmAction } from "@/components/forms/confirm-action";
import type { FormAction } from "@/components/forms/use-form-action";
import { useToast } from "@/components/ui/toast";

// The operator's confirmed actions on one workspace: change its plan, suspend it (with a
// reason its owners read in their audit log) or resume it. Each asks in a dialog first.

export function WorkspaceOperatorActions({
  workspaceId,
  name,
  planId,
  plans,
  operatorSuspended,
  changePlanAction,
  suspendAction,
  resumeAction,
}: {
  workspaceId: string;
  name: string;
  planId: string;
  plans: { id: string; name: string }[];
  operatorSuspended: boolean;
  changePlanAction: FormAction;
  suspendAction: FormAction;
  resumeAction: FormAction;
}) {
  const toast = useToast();
  const others = plans.filter((p) => p.id !== planId);
  return (
    <div className="flex flex-wrap items-start gap-2">
      <ConfirmAction
        action={changePlanAction}
        fields={{ workspaceId }}
        triggerLabel="Change plan"
        triggerVariant="secondary"
        triggerSize="md"
        triggerDisabled={others.length === 0}
        title={`Change ${name}'s plan?`}
        description={
          <div className="flex flex-col gap-3">
            <p>
              The new plan&apos;s quota, limits and allowed classes apply to the namespace at once, and its prices from
              the next hour rated. A plan the workspace already uses more of than it allows is refused.
            </p>
            <SelectField
              label="New plan"
              name="planId"
              defaultValue={others[0]?.id}
              options={others.map((p) => ({ value: p.id, label: p.name }))}
            />
          </div>
        }
        confirmLabel="Change plan"
        confirmVariant="primary"
        pendingLabel="Changing…"
        onSuccess={() => toast({ message: `${name}'s plan is changed.` })}
      />
      {operatorSuspended ? (
        <ConfirmAction
          action={resumeAction}
          fields={{ workspaceId }}
          triggerLabel="Resume workspace"
          triggerVariant="secondary"
          triggerSize="md"
          title={`Resume ${name}?`}
          description="Everything the suspension stopped is started again as it was, unless billing still suspends the workspace."
          confirmLabel="Resume"
          confirmVariant="primary"
          pendingLabel="Resuming…"
          onSuccess={(data) =>
            toast({
              message: (data as { billingSuspended?: boolean })?.billingSuspended
                ? `Your suspension is lifted; ${name} stays suspended by billing until it has credit.`
                : `${name} is resumed.`,
            })
          }
        />
      ) : (
        <ConfirmAction
          action={suspendAction}
          fields={{ workspaceId }}
          triggerLabel="Suspend workspace"
          triggerSize="md"
          title={`Suspend ${name}?`}
          description={
            <div className="flex flex-col gap-3">
              <p>
                Nothing may start in the workspace, and everything that runs is stopped (volumes and data are kept).
                Only an operator&apos;s resume lifts it; credit does not.
              </p>
              <TextAreaField label="Reason (the owners read it)" name="reason" rows={2} maxLength={500} />
            </div>
          }
          confirmLabel="Suspend"
          pendingLabel="Suspending…"
          onSuccess={() => toast({ message: `${name} is suspended.` })}
        />
      )}
    </div>
  );
}
