"use client";

import { useFormStatus } from "react-dom";
import { Button, type ButtonVariant } from "@/components/ui/button";

/** The submit button of a form with an action: busy, and disabled, while the action runs. */
export function SubmitButton({
  children,
  pendingLabel,
  variant = "primary",
  disabled,
  ...button
}: {
  children: React.ReactNode;
  pendingLabel?: string;
  variant?: ButtonVariant;
} & React.ButtonHTMLAttributes<HTMLButtonElement>) {
  const { pending } = useFormStatus();
  return (
    <Button type="submit" variant={variant} disabled={pending || disabled} aria-busy={pending || undefined} {...button}>
      {pending ? (pendingLabel ?? "Working…") : children}
    </Button>
  );
}
