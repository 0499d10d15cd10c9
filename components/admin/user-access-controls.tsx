"use client";

import { TextAreaField } from "@/components/forms/field";
import { ConfirmAction } from "@/components/forms/confirm-action";
import type { FormAction } from "@/components/forms/use-form-action";
import { useToast } from "@/components/ui/toast";

// Disable (with a reason, asked in the dialog) or enable one user.
export function UserAccessControls({
  userId,
  who,
  disabled,
  self,
  disableAction,
  enableAction,
}: {
  userId: string;
  who: string;
  disabled: boolean;
  self: boolean;
  disableAction: FormAction;
  enableAction: FormAction;
}) {
  const toast = useToast();
  if (disabled) {
    return (
      <ConfirmAction
        action={enableAction}
        fields={{ userId }}
        triggerLabel="Enable user"
        triggerVariant="secondary"
        triggerSize="md"
        title={`Enable ${who}?`}
        description="They can sign in again and get their workspaces back with the same roles. Their old kubeconfigs stay revoked."
        confirmLabel="Enable"
        confirmVariant="primary"
        pendingLabel="Enabling…"
        onSuccess={() => toast({ message: `${who} is enabled.` })}
      />
    );
  }
  return (
    <div className="flex flex-col items-start gap-1">
      <ConfirmAction
        action={disableAction}
        fields={{ userId }}
        triggerLabel="Disable user"
        triggerSize="md"
        triggerDisabled={self}
        title={`Disable ${who}?`}
        description={
          <div className="flex flex-col gap-3">
            <p>
              They are signed out everywhere at once and cannot sign in; every kubeconfig they hold is revoked (the
              cluster refuses it within about ten seconds). Their memberships are kept.
            </p>
            <TextAreaField label="Reason (for the audit log)" name="reason" rows={2} maxLength={500} />
          </div>
        }
        confirmLabel="Disable"
        pendingLabel="Disabling…"
        onSuccess={() => toast({ message: `${who} is disabled and signed out.` })}
      />
      {self ? <p className="text-xs text-slate-500">You cannot disable your own account.</p> : null}
    </div>
  );
}
