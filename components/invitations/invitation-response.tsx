"use client";

import Link from "next/link";
import { useActionState } from "react";
import { acceptInvitationAction, declineInvitationAction } from "@/app/invite/[token]/actions";
import { FormMessage } from "@/components/forms/form-message";
import { SubmitButton } from "@/components/forms/submit-button";

export function InvitationResponse({ token, workspaceName }: { token: string; workspaceName: string }) {
  const [acceptState, accept] = useActionState(acceptInvitationAction, null);
  const [declineState, decline] = useActionState(declineInvitationAction, null);

  if (declineState?.ok) {
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
  const failure = [acceptState, declineState].find((state) => state && !state.ok) ?? null;
  return (
    <div className="flex flex-col gap-3">
      <FormMessage state={failure} />
      <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
        <form action={decline}>
          <input type="hidden" name="token" value={token} />
          <SubmitButton variant="secondary" pendingLabel="Declining…">
            Decline
          </SubmitButton>
        </form>
        <form action={accept}>
          <input type="hidden" name="token" value={token} />
          <SubmitButton pendingLabel="Joining…">Accept invitation</SubmitButton>
        </form>
      </div>
    </div>
  );
}
