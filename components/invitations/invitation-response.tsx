"use client";

import Link from "next/link";
import { FormMessage } from "@/components/forms/form-message";
import { SubmitButton } from "@/components/forms/submit-button";
import { useFormAction, type FormAction } from "@/components/forms/use-form-action";

export function InvitationResponse({
  token,
  workspaceName,
  acceptAction,
  declineAction,
}: {
  token: string;
  workspaceName: string;
  acceptAction: FormAction<unknown>;
  declineAction: FormAction<unknown>;
}) {
  // Only hidden fields: every failure is the message.
  const accept = useFormAction(acceptAction, { fields: [] });
  const decline = useFormAction(declineAction, { fields: [] });

  if (decline.state?.ok) {
    return (
      <div className="flex flex-col gap-3 text-sm">
        <p role="status" className="rounded-md border border-slate-200 bg-slate-50 px-3 py-2 text-slate-800">
          You declined the invitation to {workspaceName}.
        </p>
        <Link href="/dashboard" className="text-brand-700 text-center font-medium hover:underline">
          Go to your dashboard
        </Link>
      </div>
    );
  }
  const failure = accept.failure ?? decline.failure;
  return (
    <div className="flex flex-col gap-3">
      <FormMessage state={failure} />
      <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
        <form action={decline.formAction}>
          <input type="hidden" name="token" value={token} />
          <SubmitButton variant="secondary" pendingLabel="Declining…">
            Decline
          </SubmitButton>
        </form>
        <form action={accept.formAction}>
          <input type="hidden" name="token" value={token} />
          <SubmitButton pendingLabel="Joining…">Accept invitation</SubmitButton>
        </form>
      </div>
    </div>
  );
}
