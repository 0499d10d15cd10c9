"use client";

import { startTransition, useRef, useState } from "react";
import { QUOTA_KEYS, formatQuotaAmount } from "@/lib/quotas/quota-keys";
import type { QuotaMovePreview } from "@/lib/environments/move-quota";
import { Field, SelectField } from "@/components/forms/field";
import { FormMessage } from "@/components/forms/form-message";
import { useFormAction, type FormAction } from "@/components/forms/use-form-action";
import { Button } from "@/components/ui/button";
import { Table, TableHead, Td, Th } from "@/components/ui/table";

// Moving quota between environments: the same form previews (before and after, per
// environment) and moves; both run the same checks on the server, so a move that does not
// fit is refused next to the field that does not fit.

const FIELDS = ["from", "to", ...QUOTA_KEYS.map((k) => k.key)] as const;

function Preview({ preview }: { preview: QuotaMovePreview }) {
  const keys = QUOTA_KEYS.filter(({ key }) => preview.moved[key] > 0);
  return (
    <Table frame="plain" caption="The split before and after the move">
      <TableHead>
        <tr>
          <Th>Environment</Th>
          {keys.map(({ key, label }) => (
            <Th key={key}>{label}</Th>
          ))}
        </tr>
      </TableHead>
      <tbody>
        {preview.environments.map((e) => (
          <tr key={e.environment} className="border-t border-slate-100">
            <Td className="font-medium">{e.displayName}</Td>
            {keys.map(({ key }) => (
              <Td key={key} className="whitespace-nowrap">
                {e.before[key] === e.after[key] ? (
                  formatQuotaAmount(key, e.after[key])
                ) : (
                  <>
                    {formatQuotaAmount(key, e.before[key])} → <strong>{formatQuotaAmount(key, e.after[key])}</strong>
                  </>
                )}
              </Td>
            ))}
          </tr>
        ))}
      </tbody>
    </Table>
  );
}

/**
 * Both buttons dispatch the actions themselves rather than through the form's `action`,
 * so React does not reset the form (and its selects) after each answer.
 */
function Buttons({ onPreview, previewing, pending }: { onPreview: () => void; previewing: boolean; pending: boolean }) {
  return (
    <div className="flex flex-wrap justify-end gap-2">
      <Button type="button" variant="secondary" onClick={onPreview} disabled={pending || previewing}>
        {previewing ? "Previewing…" : "Preview"}
      </Button>
      <Button type="submit" disabled={pending || previewing}>
        {pending ? "Moving…" : "Move quota"}
      </Button>
    </div>
  );
}

export function MoveQuotaForm({
  previewAction,
  moveAction,
  environments,
}: {
  previewAction: FormAction<QuotaMovePreview>;
  moveAction: FormAction<QuotaMovePreview>;
  environments: { environment: string; displayName: string }[];
}) {
  const form = useRef<HTMLFormElement>(null);
  const preview = useFormAction(previewAction, { fields: FIELDS });
  const move = useFormAction(moveAction, { fields: FIELDS });
  // The latest answer wins: a refusal of either names the field.
  const errorsFor = (name: string) => move.errorsFor(name) ?? preview.errorsFor(name);
  const options = environments.map((e) => ({ value: e.environment, label: e.displayName }));
  const shown = move.result ?? preview.result;
  // Controlled, so that what was typed stays after a preview (React resets a form after its action).
  const [values, setValues] = useState<Record<string, string>>({
    from: options[0]?.value ?? "",
    to: options[1]?.value ?? "",
  });
  const bind = (name: string) => ({
    name,
    value: values[name] ?? "",
    onChange: (event: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) =>
      setValues((current) => ({ ...current, [name]: event.target.value })),
  });
  return (
    <form
      ref={form}
      className="flex flex-col gap-3"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const data = new FormData(event.currentTarget);
        startTransition(() => move.formAction(data));
      }}
    >
      <div className="grid gap-3 sm:grid-cols-2">
        <SelectField label="From" options={options} errors={errorsFor("from")} {...bind("from")} />
        <SelectField label="To" options={options} errors={errorsFor("to")} {...bind("to")} />
      </div>
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-3">
        {QUOTA_KEYS.map(({ key, label, inputUnit }) => (
          <Field
            key={key}
            label={`${label} (${inputUnit})`}
            {...bind(key)}
            inputMode="decimal"
            autoComplete="off"
            placeholder="0"
            errors={errorsFor(key)}
          />
        ))}
      </div>
      {shown ? (
        <div className="flex flex-col gap-2">
          <p className="text-sm text-slate-700">{move.result ? "Moved. The split now:" : "If you move it:"}</p>
          <Preview preview={shown} />
        </div>
      ) : null}
      <FormMessage state={move.failure ?? preview.failure} />
      <Buttons
        pending={move.pending}
        previewing={preview.pending}
        onPreview={() => startTransition(() => preview.formAction(new FormData(form.current!)))}
      />
    </form>
  );
}
