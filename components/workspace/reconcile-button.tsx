"use client";

import { useActionState } from "react";
import type { ActionResult } from "@/lib/actions/action";
import { FormMessage } from "@/components/forms/form-message";
import { SubmitButton } from "@/components/forms/submit-button";

export function ReconcileButton({
  action,
}: {
  action: (previous: unknown, formData: FormData) => Promise<ActionResult<null>>;
}) {
  const [state, formAction] = useActionState(action, null);
  return (
    <form action={formAction} className="flex flex-col gap-3 sm:items-end">
      <SubmitButton variant="secondary" pendingLabel="Re-applying…">
        Re-apply cluster configuration
      </SubmitButton>
      <FormMessage state={state?.ok ? { ok: true, message: "Cluster configuration re-applied." } : state} />
    </form>
  );
}
