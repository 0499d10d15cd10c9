import { Field } from "@/components/forms/field";
import { RemoveButton, RowGroup, StackedRow, StackedRows } from "@/components/forms/fieldset";
import { bindRow } from "@/components/runtimes/runtime-form/bindings";
import type { RuntimeFormModel } from "@/components/runtimes/use-runtime-form";

/** Environment variables, each plain or secret (stored in a Kubernetes Secret). */
export function EnvironmentSection({ form }: { form: RuntimeFormModel }) {
  const { state, editing, focusKey } = form;
  return (
    <RowGroup
      title="Environment variables"
      hint={
        editing
          ? "Secret values are stored in a Kubernetes Secret and never shown again; leave a secret blank to keep its stored value."
          : "Mark a variable secret to store its value in a Kubernetes Secret; it is never shown again."
      }
      errors={form.errorsFor("env")}
      empty={state.env.length === 0 ? "No variables." : undefined}
      addLabel="Add variable"
      onAdd={() => form.addRow("env", { name: "", value: "", secret: false })}
    >
      <StackedRows>
        {state.env.map((row, index) => {
          const label = `variable ${index + 1}${row.name ? ` (${row.name})` : ""}`;
          return (
            <StackedRow key={row.key}>
              <Field
                label={`Name of ${label}`}
                hideLabel
                className="sm:w-48"
                {...bindRow(form, "env", row, index, "name")}
                placeholder="NAME"
                autoComplete="off"
                spellCheck={false}
                autoFocus={row.key === focusKey}
              />
              <Field
                label={`Value of ${label}`}
                hideLabel
                className="flex-1"
                type={row.secret ? "password" : "text"}
                {...bindRow(form, "env", row, index, "value")}
                placeholder={row.secret && editing ? "Leave blank to keep" : "value"}
                autoComplete={row.secret ? "new-password" : "off"}
                spellCheck={false}
              />
              <div className="flex items-center justify-between gap-3 sm:justify-start">
                <label className="flex items-center gap-2 py-2 text-sm text-slate-700">
                  <input
                    type="checkbox"
                    checked={row.secret}
                    onChange={(e) => form.changeRow("env", row.key, { secret: e.target.checked })}
                    className="size-4"
                    aria-label={`Secret: ${label}`}
                  />
                  Secret
                </label>
                <RemoveButton label={`Remove ${label}`} onClick={() => form.removeRow("env", row.key)} />
              </div>
            </StackedRow>
          );
        })}
      </StackedRows>
    </RowGroup>
  );
}
