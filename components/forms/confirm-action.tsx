"use client";

import { lazy, Suspense, useEffect, useState } from "react";
import type { FormAction } from "@/components/forms/use-form-action";
import { Button, type ButtonVariant } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { whenIdle } from "@/components/ui/when-idle";

// The form in the dialog (confirm-form.tsx) is needed only once the dialog opens: like the
// dialog's own code, it is fetched when the browser is idle after the page loads.
const loadForm = () => import("@/components/forms/confirm-form");
const ConfirmForm = lazy(loadForm);

/** For the gravest actions: the confirm button enables once `expected` is typed into `field` (the server checks it too). */
export interface TypeToConfirm {
  field: string;
  expected: string;
}

/**
 * A button that asks before it acts: it opens a dialog that says what will happen, and
 * only the dialog's confirm button submits `action` (with `fields` as hidden inputs).
 */
export function ConfirmAction({
  action,
  fields = {},
  triggerLabel,
  triggerVariant = "danger-outline",
  triggerSize = "sm",
  triggerDisabled,
  title,
  description,
  confirmLabel,
  confirmVariant = "danger",
  pendingLabel,
  typeToConfirm,
  onSuccess,
}: {
  action: FormAction;
  fields?: Record<string, string>;
  triggerLabel: string;
  triggerVariant?: ButtonVariant;
  triggerSize?: "sm" | "md";
  triggerDisabled?: boolean;
  title: string;
  description: React.ReactNode;
  confirmLabel: string;
  confirmVariant?: "danger" | "primary";
  pendingLabel?: string;
  typeToConfirm?: TypeToConfirm;
  /** Runs once the action succeeded, with its result (a toast, a navigation). */
  onSuccess?: (data: unknown) => void;
}) {
  const [open, setOpen] = useState(false);
  // A fresh form (and so a fresh action state and empty input) each time the dialog opens.
  const [attempt, setAttempt] = useState(0);
  useEffect(() => whenIdle(() => void loadForm()), []);
  return (
    <>
      <Button
        variant={triggerVariant}
        size={triggerSize}
        disabled={triggerDisabled}
        onClick={() => {
          setAttempt((n) => n + 1);
          setOpen(true);
        }}
      >
        {triggerLabel}
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} title={title}>
        <Suspense
          fallback={
            <p className="text-sm text-slate-500" role="status">
              Loading…
            </p>
          }
        >
          <ConfirmForm
            key={attempt}
            action={action}
            fields={fields}
            description={description}
            confirmLabel={confirmLabel}
            confirmVariant={confirmVariant}
            pendingLabel={pendingLabel}
            typeToConfirm={typeToConfirm}
            onSuccess={onSuccess}
            onDone={() => setOpen(false)}
          />
        </Suspense>
      </Dialog>
    </>
  );
}
