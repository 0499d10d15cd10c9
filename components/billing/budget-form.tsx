"use client";

import { useId } from "react";
import { ConfirmAction } from "@/components/forms/confirm-action";
import { Field } from "@/components/forms/field";
import { FormMessage } from "@/components/forms/form-message";
import { SubmitButton } from "@/components/forms/submit-button";
import { useFormAction, type FormAction } from "@/components/forms/use-form-action";
import { useToast } from "@/components/ui/toast";

export function BudgetForm({
  action,
  removeAction,
  amount,
  hardLimit,
}: {
  action: FormAction<{ limitMicros: string; hardLimit: boolean }>;
  removeAction: FormAction<null>;
  /** The current budget as a decimal, or "" when none is set. */
  amount: string;
  hardLimit: boolean;
}) {
  const toast = useToast();
  // The outcome is a toast; a refusal stays next to the amount, or as the form's message.
  const { formAction, errorsFor, failure } = useFormAction(action, {
    onSuccess: () => toast({ message: "Budget saved." }),
  });
  const hardId = useId();
  return (
    <div className="flex flex-col gap-3">
      <form action={formAction} className="flex max-w-md flex-col gap-3" noValidate>
        <Field
          label="Amount per month"
          name="amount"
          defaultValue={amount}
          inputMode="decimal"
          autoComplete="off"
          placeholder="25.00"
          hint="Alerts at 50, 80 and 100 percent, in the app and by email to the owners."
          errors={errorsFor("amount")}
        />
        <div className="flex items-start gap-2">
          <input
            id={hardId}
            type="checkbox"
            name="hardLimit"
            defaultChecked={hardLimit}
            className="mt-1 h-4 w-4 rounded border-slate-300"
            aria-describedby={`${hardId}-hint`}
          />
          <div className="flex flex-col">
            <label htmlFor={hardId} className="text-sm font-medium text-slate-800">
              Hard limit
            </label>
            <p id={`${hardId}-hint`} className="text-xs text-slate-500">
              When the month reaches the budget, new runtimes are refused and, after a grace period, running ones are
              scaled to zero until the next month or a higher budget. No data is deleted.
            </p>
          </div>
        </div>
        <FormMessage state={failure} />
        <div className="flex flex-wrap justify-end gap-2">
          <SubmitButton pendingLabel="Saving…">Save budget</SubmitButton>
        </div>
      </form>
      {amount ? (
        <div>
          <ConfirmAction
            action={removeAction}
            triggerLabel="Remove budget"
            triggerVariant="secondary"
            title="Remove the monthly budget?"
            description="Budget alerts stop, and a hard limit no longer holds runtimes back. Credit still applies."
            confirmLabel="Remove budget"
            pendingLabel="Removing…"
          />
        </div>
      ) : null}
    </div>
  );
}
