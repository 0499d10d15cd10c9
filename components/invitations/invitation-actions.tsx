"use client";

import { useActionState, useEffect, useRef, useState } from "react";
import { resendInvitationAction, revokeInvitationAction } from "@/app/(console)/w/[slug]/invitations/actions";
import { FormMessage } from "@/components/forms/form-message";
import { SubmitButton } from "@/components/forms/submit-button";
import { InvitationLink } from "@/components/invitations/invitation-link";

export function InvitationActions({
  slug,
  invitationId,
  email,
  canResend,
}: {
  slug: string;
  invitationId: string;
  email: string;
  canResend: boolean;
}) {
  const [resendState, resend] = useActionState(resendInvitationAction.bind(null, slug), null);
  const [revokeState, revoke] = useActionState(revokeInvitationAction.bind(null, slug), null);
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

  const failure = [resendState, revokeState].find((state) => state && !state.ok) ?? null;

  return (
    <div className="flex flex-col gap-3">
      {confirming ? (
        <form
          ref={confirmForm}
          action={revoke}
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
            <button
              type="button"
              onClick={cancel}
              className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium hover:bg-slate-50"
            >
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <div className="flex flex-wrap gap-2">
          {canResend ? (
            <form action={resend}>
              <input type="hidden" name="invitationId" value={invitationId} />
              <SubmitButton variant="secondary" pendingLabel="Resending…" aria-label={`Resend invitation to ${email}`}>
                Resend
              </SubmitButton>
            </form>
          ) : null}
          <button
            ref={revokeButton}
            type="button"
            onClick={() => setConfirming(true)}
            aria-label={`Revoke invitation for ${email}`}
            className="rounded-md border border-red-300 bg-white px-4 py-2 text-sm font-medium text-red-700 hover:bg-red-50"
          >
            Revoke
          </button>
        </div>
      )}
      <FormMessage state={failure} />
      {resendState?.ok ? (
        <InvitationLink
          key={resendState.data.link}
          link={resendState.data.link}
          email={resendState.data.email}
          delivery={resendState.data.delivery}
        />
      ) : null}
    </div>
  );
}
