"use client";

import Link from "next/link";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { ActionResult } from "@/lib/actions/action";
import type { RuntimeSummary } from "@/lib/runtimes/list-runtimes";
import { FieldError } from "@/components/forms/field-error";
import { SubmitButton } from "@/components/forms/submit-button";
import { useFormAction, type FormAction } from "@/components/forms/use-form-action";
import { DeleteRuntimeDialog } from "@/components/runtimes/delete-runtime-dialog";
import { runtimeKeys } from "@/components/runtimes/runtime-queries";
import { buttonClass } from "@/components/ui/button-class";
import { cardClass } from "@/components/ui/card";
import { Alert } from "@/components/ui/alert";
import { useWorkspaceLinks } from "@/components/workspace/use-environment";

type Result = ActionResult<{ message: string }>;
type RuntimeAction = FormAction<{ message: string }>;
type Outcome = { ok: boolean; message: string; during: string } | null;

/** What the runtime's replicas are doing, to notice that it has changed. */
const stateKey = (r: RuntimeSummary) => `${r.phase}/${r.desired}/${r.ready}/${r.pods.length}`;
const settled = (r: RuntimeSummary) =>
  r.desired === 0 ? r.pods.length === 0 : r.phase === "Running" && r.pods.length === r.desired;

/** The runtime page's actions, bound to the workspace by the page. */
export interface RuntimeActionSet {
  scale: RuntimeAction;
  stop: RuntimeAction;
  start: RuntimeAction;
  restart: RuntimeAction;
  delete: FormAction<{ message: string }>;
}

/** Runs `action` through useFormAction and reports every result to the parent. */
function useReportingAction(action: RuntimeAction, onOutcome: (result: Result) => void) {
  return useFormAction(async (previous: unknown, formData: FormData) => {
    const result = await action(previous, formData);
    onOutcome(result);
    return result;
  });
}

/** One button that runs one action for this runtime; the outcome is reported to the parent. */
function ActionButton({
  action,
  name,
  label,
  pendingLabel,
  onOutcome,
  disabled,
}: {
  action: RuntimeAction;
  name: string;
  label: string;
  pendingLabel: string;
  onOutcome: (result: Result) => void;
  disabled?: boolean;
}) {
  const { formAction } = useReportingAction(action, onOutcome);
  return (
    <form action={formAction}>
      <input type="hidden" name="name" value={name} />
      <SubmitButton variant="secondary" pendingLabel={pendingLabel} disabled={disabled}>
        {label}
      </SubmitButton>
    </form>
  );
}

function ScaleForm({
  action,
  runtime,
  onOutcome,
  disabled,
}: {
  action: RuntimeAction;
  runtime: RuntimeSummary;
  disabled?: boolean;
  onOutcome: (result: Result) => void;
}) {
  // What was typed, so that a refused count stays in the field beside its error (React resets
  // a form after its action: the input goes back to its default value, which is this).
  const [typed, setTyped] = useState<string | null>(null);
  const { formAction, state } = useReportingAction(async (previous, formData) => {
    const result = await action(previous, formData);
    setTyped(result.ok ? null : String(formData.get("replicas") ?? ""));
    return result;
  }, onOutcome);
  // Every refusal of the new count (the replicas, or the quota it would exceed) is told at the field.
  const errors = state && !state.ok && state.fieldErrors ? Object.values(state.fieldErrors).flat() : [];
  return (
    <form action={formAction} className="flex flex-col gap-1" noValidate>
      <input type="hidden" name="name" value={runtime.name} />
      <div className="flex items-end gap-2">
        <div className="flex flex-col gap-1">
          <label htmlFor="scale-replicas" className="text-xs font-medium text-slate-700">
            Replicas
          </label>
          <input
            id="scale-replicas"
            key={runtime.desired}
            name="replicas"
            type="number"
            inputMode="numeric"
            min={0}
            max={20}
            defaultValue={typed ?? runtime.desired}
            disabled={disabled}
            aria-invalid={errors.length ? true : undefined}
            aria-describedby={errors.length ? "scale-error" : undefined}
            className="w-20 rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-xs aria-invalid:border-red-500"
          />
        </div>
        <SubmitButton variant="secondary" pendingLabel="Scaling…" disabled={disabled}>
          Scale
        </SubmitButton>
      </div>
      <FieldError id="scale-error" errors={errors} />
    </form>
  );
}

/** Scale, stop or start, restart, edit and delete: shown only to roles with runtime.write. */
export function RuntimeActions({
  slug,
  runtime,
  actions,
}: {
  slug: string;
  runtime: RuntimeSummary;
  actions: RuntimeActionSet;
}) {
  const queryClient = useQueryClient();
  const { page } = useWorkspaceLinks(slug);
  const [outcome, setOutcome] = useState<Outcome>(null);
  // "Stopping." and the like tell what is under way: they go once the runtime has changed
  // and settled (every pod gone, or every pod ready). A refusal stays until the next action.
  const now = stateKey(runtime);
  if (outcome?.ok && outcome.during !== now && settled(runtime)) setOutcome(null);
  const report = (result: Result) => {
    setOutcome(
      result.ok
        ? { ok: true, message: result.data.message, during: now }
        : { ok: false, message: result.message, during: now },
    );
    if (result.ok) {
      void queryClient.invalidateQueries({ queryKey: runtimeKeys.one(slug, runtime.name) });
      void queryClient.invalidateQueries({ queryKey: runtimeKeys.list(slug) });
    }
  };
  const stopped = runtime.desired === 0;
  // Scaled to zero by billing: it comes back by itself once the workspace has credit.
  const suspended = runtime.phase === "Suspended";
  return (
    <section aria-label="Actions" className={cardClass({ padding: "sm", className: "flex flex-col" })}>
      {suspended ? (
        <Alert tone="warning" className="mb-3">
          This runtime is suspended because the workspace has run out of credit. It starts again on its own once there
          is credit; until then it cannot be scaled, started or restarted.
        </Alert>
      ) : null}
      <div className="flex flex-wrap items-end gap-x-4 gap-y-3">
        <ScaleForm action={actions.scale} runtime={runtime} onOutcome={report} disabled={suspended} />
        <div className="flex flex-wrap items-center gap-2">
          {stopped ? (
            <ActionButton
              action={actions.start}
              name={runtime.name}
              label="Start"
              disabled={suspended}
              pendingLabel="Starting…"
              onOutcome={report}
            />
          ) : (
            <ActionButton
              action={actions.stop}
              name={runtime.name}
              label="Stop"
              pendingLabel="Stopping…"
              onOutcome={report}
            />
          )}
          <ActionButton
            action={actions.restart}
            name={runtime.name}
            label="Restart"
            pendingLabel="Restarting…"
            disabled={stopped || suspended}
            onOutcome={report}
          />
          <Link href={page(`/runtimes/${runtime.name}/edit`)} className={buttonClass({ variant: "secondary" })}>
            Edit
          </Link>
          <DeleteRuntimeDialog action={actions.delete} slug={slug} name={runtime.name} />
        </div>
      </div>
      <div aria-live="polite">
        {outcome ? (
          <p className={`mt-3 text-sm ${outcome.ok ? "text-brand-800" : "text-red-700"}`}>{outcome.message}</p>
        ) : null}
      </div>
    </section>
  );
}
