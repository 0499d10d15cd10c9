"use client";

import Link from "next/link";
import { useQueryClient } from "@tanstack/react-query";
import { useActionState, useState } from "react";
import {
  deleteRuntimeAction,
  restartRuntimeAction,
  scaleRuntimeAction,
  startRuntimeAction,
  stopRuntimeAction,
} from "@/app/(console)/w/[slug]/runtimes/actions";
import type { ActionResult } from "@/lib/actions/action";
import type { RuntimeSummary } from "@/lib/runtimes/list-runtimes";
import { SubmitButton } from "@/components/forms/submit-button";
import { DeleteRuntimeDialog } from "@/components/runtimes/delete-runtime-dialog";
import { runtimeKeys } from "@/components/runtimes/runtime-queries";

type Result = ActionResult<{ message: string }>;
type RuntimeAction = (previous: unknown, formData: FormData) => Promise<Result>;
type Outcome = { ok: boolean; message: string } | null;

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
  const [, formAction] = useActionState(async (previous: unknown, formData: FormData) => {
    const result = await action(previous, formData);
    onOutcome(result);
    return result;
  }, null);
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
  const [state, formAction] = useActionState(async (previous: unknown, formData: FormData) => {
    const result = await action(previous, formData);
    onOutcome(result);
    return result;
  }, null);
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
            defaultValue={runtime.desired}
            disabled={disabled}
            aria-invalid={errors.length ? true : undefined}
            aria-describedby={errors.length ? "scale-error" : undefined}
            className="w-20 rounded-md border border-slate-300 px-3 py-2 text-sm shadow-xs aria-invalid:border-red-500"
          />
        </div>
        <SubmitButton variant="secondary" pendingLabel="Scaling…" disabled={disabled}>
          Scale
        </SubmitButton>
      </div>
      {errors.length ? (
        <p id="scale-error" className="max-w-sm text-sm text-red-700">
          {errors.join(" ")}
        </p>
      ) : null}
    </form>
  );
}

/** Scale, stop or start, restart, edit and delete: shown only to roles with runtime.write. */
export function RuntimeActions({ slug, runtime }: { slug: string; runtime: RuntimeSummary }) {
  const queryClient = useQueryClient();
  const [outcome, setOutcome] = useState<Outcome>(null);
  const report = (result: Result) => {
    setOutcome(result.ok ? { ok: true, message: result.data.message } : { ok: false, message: result.message });
    if (result.ok) {
      void queryClient.invalidateQueries({ queryKey: runtimeKeys.one(slug, runtime.name) });
      void queryClient.invalidateQueries({ queryKey: runtimeKeys.list(slug) });
    }
  };
  const stopped = runtime.desired === 0;
  // Scaled to zero by billing: it comes back by itself once the workspace has credit.
  const suspended = runtime.phase === "Suspended";
  return (
    <section aria-label="Actions" className="flex flex-col rounded-xl border border-slate-200 bg-white p-4">
      {suspended ? (
        <p className="mb-3 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          This runtime is suspended because the workspace has run out of credit. It starts again on its own once there
          is credit; until then it cannot be scaled, started or restarted.
        </p>
      ) : null}
      <div className="flex flex-wrap items-end gap-x-4 gap-y-3">
        <ScaleForm
          action={scaleRuntimeAction.bind(null, slug)}
          runtime={runtime}
          onOutcome={report}
          disabled={suspended}
        />
        <div className="flex flex-wrap items-center gap-2">
          {stopped ? (
            <ActionButton
              action={startRuntimeAction.bind(null, slug)}
              name={runtime.name}
              label="Start"
              disabled={suspended}
              pendingLabel="Starting…"
              onOutcome={report}
            />
          ) : (
            <ActionButton
              action={stopRuntimeAction.bind(null, slug)}
              name={runtime.name}
              label="Stop"
              pendingLabel="Stopping…"
              onOutcome={report}
            />
          )}
          <ActionButton
            action={restartRuntimeAction.bind(null, slug)}
            name={runtime.name}
            label="Restart"
            pendingLabel="Restarting…"
            disabled={stopped || suspended}
            onOutcome={report}
          />
          <Link
            href={`/w/${slug}/runtimes/${runtime.name}/edit`}
            className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium text-slate-800 shadow-xs hover:bg-slate-50"
          >
            Edit
          </Link>
          <DeleteRuntimeDialog action={deleteRuntimeAction.bind(null, slug)} name={runtime.name} />
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
