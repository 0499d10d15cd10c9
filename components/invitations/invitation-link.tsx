"use client";

import Link from "next/link";
import { useId, useRef, useState } from "react";
import { Button } from "@/components/ui/button";

// The invitation link, shown once right after it is issued: only its hash is stored, so
// it cannot be shown again later (resending issues a new one).
export function InvitationLink({ link, email, delivery }: { link: string; email: string; delivery: string }) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<"yes" | "no" | null>(null);
  // "outbox" only when no mail server is configured, i.e. in development.
  const deliveryNote =
    delivery === "sent" ? (
      `We emailed it to ${email}.`
    ) : delivery === "failed" ? (
      `The email to ${email} could not be sent; share the link yourself.`
    ) : (
      <>
        No mail server is configured: the email to {email} is in the{" "}
        <Link href="/dev/outbox" className="text-brand-700 underline">
          development outbox
        </Link>{" "}
        (each person sees the messages to their own address there).
      </>
    );

  async function copy() {
    try {
      await navigator.clipboard.writeText(link);
      setCopied("yes");
    } catch {
      // Clipboard access can be refused; selecting lets the user copy by hand.
      input.current?.select();
      setCopied("no");
    }
  }

  return (
    <div className="border-brand-100 bg-brand-50 flex flex-col gap-2 rounded-lg border p-3 text-sm">
      <label htmlFor={id} className="text-brand-800 font-medium">
        Invitation link for {email}
      </label>
      <div className="flex flex-col gap-2 sm:flex-row">
        <input
          ref={input}
          id={id}
          readOnly
          value={link}
          data-testid="invitation-link"
          onFocus={(event) => event.currentTarget.select()}
          className="min-w-0 flex-1 rounded-md border border-slate-300 bg-white px-3 py-2 font-mono text-xs"
        />
        <Button variant="secondary" size="field" onClick={() => void copy()}>
          Copy link
        </Button>
      </div>
      <p className="text-slate-700">
        {deliveryNote} The link is shown only now; it works once, for {email} only.
      </p>
      <p aria-live="polite" className="text-brand-800 min-h-5 text-xs">
        {copied === "yes" ? "Copied to the clipboard." : copied === "no" ? "Selected: press Ctrl+C (⌘C) to copy." : ""}
      </p>
    </div>
  );
}
