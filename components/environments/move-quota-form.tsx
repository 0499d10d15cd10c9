"use client";

import { useFormStatus } from "react-dom";
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

function Buttons({ previewAction }: { previewAction: (formData: FormData) => void }) {
  const { pending } = useFormStatus();
  return (
    <div className="flex flex-wrap justify-end gap-2">
      <Button type="submit" variant="secondary" formAction={previewAction} disabled={pending}>
        Preview
      </Button>
      <Button type="submit" disabled={pending}>
        {pending ? "Working…" : "Move quota"}
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
  const preview = useFormAction(previewAction, { fields: FIELDS });
  const move = useFormAction(moveAction, { fields: FIELDS });
  // The latest answer wins: a refusal of either names the field.
  const errorsFor = (name: string) => move.errorsFor(name) ?? preview.errorsFor(name);
  const options = environments.map((e) => ({ value: e.environment, label: e.displayName }));
  const shown = move.result ?? preview.result;
  return (
    <form action={move.formAction} className="flex flex-col gap-3" noValidate>
      <div className="grid gap-3 sm:grid-cols-2">
        <SelectField
          label="From"
          name="from"
          options={options}
          defaultValue={options[0]?.value}
          errors={errorsFor("from")}
        />
        <SelectField label="To" name="to" options={options} defaultValue={options[1]?.value} errors={errorsFor("to")} />
      </div>
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-3">
        {QUOTA_KEYS.map(({ key, label, inputUnit }) => (
          <Field
            key={key}
            label={`${label} (${inputUnit})`}
            name={key}
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
      <Buttons previewAction={preview.formAction} />
    </form>
  );
}
