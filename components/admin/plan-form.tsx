"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { Field } from "@/components/forms/field";
import { FormMessage } from "@/components/forms/form-message";
import { useFormAction, type FormAction } from "@/components/forms/use-form-action";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toast";
import { QUOTA_KEYS } from "@/lib/quotas/quota-keys";
import type { PlanImpact } from "@/lib/plans/plan-impact";
import { PlanImpactPreview } from "@/components/admin/plan-impact-preview";

// The plan form. Creating saves at once (a new plan has no workspaces). Changing is two
// steps: "Review change" asks the server which workspaces the change affects and which would
// be over the new quota, then "Save plan" saves exactly what was reviewed; editing a field
// after the review asks for a new one. Inputs are controlled, so a submission never resets them.

export type PlanFormValues = Record<string, string>;

const TEXT_FIELDS = [
  "planId",
  "name",
  "description",
  ...QUOTA_KEYS.map((k) => k.key),
  "allowedRuntimeClasses",
  "defaultRuntimeClass",
  "allowedStorageClasses",
  "teamWorkspaceLimit",
  "signupCredit",
];

export function PlanForm({
  mode,
  initial,
  saveAction,
  previewAction,
}: {
  mode: "create" | "edit";
  initial: PlanFormValues;
  saveAction: FormAction<unknown>;
  previewAction?: FormAction<PlanImpact>;
}) {
  const router = useRouter();
  const toast = useToast();
  const [values, setValues] = useState(initial);
  const [reviewed, setReviewed] = useState<PlanImpact | null>(null);
  const save = useFormAction(saveAction, {
    fields: TEXT_FIELDS,
    onSuccess: (result) => {
      setReviewed(null);
      if (mode === "create") {
        toast({ message: `Plan ${values.planId} created.` });
        router.push(`/admin/plans/${values.planId}`);
      } else {
        const r = result as { workspaces: number; reapplied: number; failed: number };
        toast({
          message:
            r.failed > 0
              ? `Plan saved. ${r.reapplied} of ${r.workspaces} workspaces updated; the reconciler will finish the rest.`
              : `Plan saved. ${r.workspaces} workspace${r.workspaces === 1 ? "" : "s"} updated.`,
        });
        router.refresh();
      }
    },
  });
  const preview = useFormAction(previewAction ?? saveAction, {
    fields: TEXT_FIELDS,
    onSuccess: (impact) => setReviewed(impact as PlanImpact),
  });
  const errorsFor = (name: string) => save.errorsFor(name) ?? preview.errorsFor(name);
  const set = (name: string) => (event: React.ChangeEvent<HTMLInputElement>) => {
    setValues((v) => ({ ...v, [name]: event.target.value }));
    setReviewed(null);
  };
  const field = (
    name: string,
    label: string,
    hint?: string,
    extra: React.InputHTMLAttributes<HTMLInputElement> = {},
  ) => (
    <Field
      label={label}
      name={name}
      value={values[name] ?? ""}
      onChange={set(name)}
      hint={hint}
      errors={errorsFor(name)}
      autoComplete="off"
      {...extra}
    />
  );
  const busy = save.pending || preview.pending;
  return (
    <form action={save.formAction} className="flex flex-col gap-6" noValidate>
      <fieldset className="grid gap-4 sm:grid-cols-2">
        <legend className="mb-2 text-base font-semibold">Plan</legend>
        {mode === "create" ? (
          field(
            "planId",
            "Plan id",
            "Lowercase letters, digits and dashes; workspaces name their plan by it. It cannot change.",
          )
        ) : (
          <input type="hidden" name="planId" value={values.planId} />
        )}
        {field("name", "Name")}
        {field("description", "Description", undefined, { className: "sm:col-span-2" })}
      </fieldset>
      <fieldset className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        <legend className="mb-2 text-base font-semibold">Quota per workspace</legend>
        {QUOTA_KEYS.map((spec) =>
          field(spec.key, `${spec.label} (${spec.inputUnit})`, undefined, {
            inputMode: spec.inputDecimals > 0 ? "decimal" : "numeric",
          }),
        )}
      </fieldset>
      <fieldset className="grid gap-4 sm:grid-cols-2">
        <legend className="mb-2 text-base font-semibold">Classes and limits</legend>
        {field("allowedRuntimeClasses", "Allowed runtime classes", "Comma-separated, like gvisor, simulated.")}
        {field("defaultRuntimeClass", "Default runtime class", "One of the allowed ones; blank for the first.")}
        {field("allowedStorageClasses", "Allowed storage classes", "Comma-separated, like standard.")}
        {field(
          "teamWorkspaceLimit",
          "Team workspace limit",
          "Team workspaces a user on this personal plan may create; blank for the installation's default.",
          { inputMode: "numeric" },
        )}
        {field(
          "signupCredit",
          "Sign-up credit (USD)",
          "Credit each new workspace on this plan gets once; blank for the installation's default.",
          { inputMode: "decimal" },
        )}
      </fieldset>
      {reviewed ? <PlanImpactPreview impact={reviewed} /> : null}
      <FormMessage state={save.failure ?? preview.failure} />
      <div className="flex flex-wrap justify-end gap-3">
        {mode === "edit" && previewAction ? (
          <Button
            type="submit"
            variant={reviewed ? "secondary" : "primary"}
            formAction={preview.formAction}
            disabled={busy}
            aria-busy={preview.pending || undefined}
          >
            {preview.pending ? "Reviewing…" : "Review change"}
          </Button>
        ) : null}
        {mode === "create" || reviewed ? (
          <Button
            type="submit"
            disabled={busy || (reviewed !== null && reviewed.overQuota.length > 0)}
            aria-busy={save.pending || undefined}
          >
            {save.pending ? "Saving…" : mode === "create" ? "Create plan" : "Save plan"}
          </Button>
        ) : null}
      </div>
    </form>
  );
}
