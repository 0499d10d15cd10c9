"use client";

import { useState } from "react";
import { Field } from "@/components/forms/field";
import { FormMessage } from "@/components/forms/form-message";
import { SubmitButton } from "@/components/forms/submit-button";
import { useFormAction, type FormAction } from "@/components/forms/use-form-action";
import { useToast } from "@/components/ui/toast";

// Grant credit with a reason. The form carries a key made when it is shown, so a retried
// submission adds the credit once; a new key is made after each grant. The fields are
// controlled, so what was typed survives a refusal (React resets a form after its action).

function newKey(): string {
  return crypto.randomUUID();
}

export function WorkspaceCreditForm({ workspaceId, action }: { workspaceId: string; action: FormAction }) {
  const toast = useToast();
  const [requestKey, setRequestKey] = useState(newKey);
  const [amount, setAmount] = useState("");
  const [reason, setReason] = useState("");
  const grant = useFormAction(action, {
    fields: ["amount", "reason"],
    onSuccess: () => {
      toast({ message: "Credit granted." });
      setRequestKey(newKey());
      setAmount("");
      setReason("");
    },
  });
  return (
    <form
      action={grant.formAction}
      aria-label="Grant credit"
      className="grid gap-3 sm:grid-cols-[10rem_1fr_auto] sm:items-start"
      noValidate
    >
      <input type="hidden" name="workspaceId" value={workspaceId} />
      <input type="hidden" name="requestKey" value={requestKey} />
      <Field
        label="Amount (USD)"
        name="amount"
        inputMode="decimal"
        autoComplete="off"
        placeholder="25.00"
        value={amount}
        onChange={(event) => setAmount(event.target.value)}
        errors={grant.errorsFor("amount")}
      />
      <Field
        label="Reason"
        name="reason"
        autoComplete="off"
        value={reason}
        onChange={(event) => setReason(event.target.value)}
        errors={grant.errorsFor("reason")}
      />
      <div className="sm:pt-6">
        <SubmitButton pendingLabel="Granting…">Grant credit</SubmitButton>
      </div>
      <div className="sm:col-span-3">
        <FormMessage state={grant.failure} />
      </div>
    </form>
  );
}
