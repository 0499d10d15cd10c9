"use client";

import { useEffect, useRef, useState } from "react";
import type { IssuedInvitation } from "@/lib/invitations/invite-member";
import { FormMessage } from "@/components/forms/form-message";
import { SubmitButton } from "@/components/forms/submit-button";
import { useFormAction, type FormAction } from "@/components/forms/use-form-action";
import { InvitationLink } from "@/components/invitations/invitation-link";
import { Button } from "@/components/ui/button";

export interface InvitationActionsProps {
  resendAction: FormAction<Pick<IssuedInvitation, "email" | "link" | "delivery">>;
  revokeAction: FormAction<{ email: string }>;
}

export function InvitationActions({
  resendAction,
  revokeAction,
  invitationId,
  email,
  canResend,
}: InvitationActionsProps & {
  invitationId: string;
  email: string;
  canResend: boolean;
}) {
  // No field of these forms is shown: every failure is the message.
  const resend = useFormAction(resendAction, { fields: [] });
  const revoke = useFormAction(revokeAction, { fields: [] });
  const [confirming, setConfirming] = useState(false);
  const confirmForm = useRef<HTMLFormElement>(null);
  const revokeButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (confirming) confirmForm.current?.querySelector<HTMLButtonElement>("button[type=submit]")?.focus();
  }, [confirming]);

  function cancel() {
    setConfirming(false);
    // Back to where the keyboard user was.
    requestAnimationFrame(() => revokeButton.current?.focus());
  }

  const failure = resend.failure ?? revoke.failure;

  return (
    <div className="flex flex-col gap-3">
      {confirming ? (
        <form
          ref={confirmForm}
          action={revoke.formAction}
          onKeyDown={(event) => {
            if (event.key === "Escape") cancel();
          }}
          role="group"
          aria-label={`Confirm revoking the invitation for ${email}`}
          className="flex flex-col gap-2 rounded-lg border border-red-200 bg-red-50 p-3 text-sm sm:flex-row sm:items-center"
        >
          <input type="hidden" name="invitationId" value={invitationId} />
          <p className="flex-1 text-red-900">Revoke the invitation for {email}? Its link stops working at once.</p>
          <div className="flex gap-2">
            <SubmitButton variant="danger" pendingLabel="Revoking…">
              Revoke invitation
            </SubmitButton>
            <Button variant="secondary" onClick={cancel}>
              Cancel
            </Button>
          </div>
        </form>
      ) : (
        <div className="flex flex-wrap gap-2">
          {canResend ? (
            <form action={resend.formAction}>
              <input type="hidden" name="invitationId" value={invitationId} />
              <SubmitButton variant="secondary" pendingLabel="Resending…" aria-label={`Resend invitation to ${email}`}>
                Resend
              </SubmitButton>
            </form>
          ) : null}
          <Button
            ref={revokeButton}
            variant="danger-outline"
            onClick={() => setConfirming(true)}
            aria-label={`Revoke invitation for ${email}`}
          >
            Revoke
          </Button>
        </div>
      )}
      <FormMessage state={failure} />
      {resend.result ? (
        <InvitationLink
          key={resend.result.link}
          link={resend.result.link}
          email={resend.result.email}
          delivery={resend.result.delivery}
        />
      ) : null}
    </div>
  );
}
