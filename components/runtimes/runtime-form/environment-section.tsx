import { Field } from "@/components/forms/field";
import { RemoveButton, RowGroup } from "@/components/forms/fieldset";
import type { RuntimeFormModel } from "@/components/runtimes/use-runtime-form";

/** Environment variables, each plain or secret (stored in a Kubernetes Secret). */
export function EnvironmentSection({ form }: { form: RuntimeFormModel }) {
  const { state, editing, errorsFor, focusKey } = form;
  return (
    <RowGroup
      title="Environment variables"
      hint={
        editing
          ? "Secret values are stored in a Kubernetes Secret and never shown again; leave a secret blank to keep its stored value."
          : "Mark a variable secret to store its value in a Kubernetes Secret; it is never shown again."
      }
      errors={errorsFor("env")}
      empty={state.env.length === 0 ? "No variables." : undefined}
      addLabel="Add variable"
      onAdd={() => form.addRow("env", { name: "", value: "", secret: false })}
    >
      <div className="flex flex-col gap-3 max-sm:divide-y max-sm:divide-slate-100 max-sm:[&>*+*]:pt-3">
        {state.env.map((row, index) => {
          const label = `variable ${index + 1}${row.name ? ` (${row.name})` : ""}`;
          return (
            <div key={row.key} className="flex flex-col gap-2 sm:flex-row sm:items-start">
              <Field
                label={`Name of ${label}`}
                hideLabel
                className="sm:w-48"
                value={row.name}
                placeholder="NAME"
                autoComplete="off"
                spellCheck={false}
                autoFocus={row.key === focusKey}
                data-field={`env.${index}.name`}
                errors={errorsFor(`env.${index}.name`)}
                onChange={(e) => form.changeRow("env", row.key, { name: e.target.value })}
              />
              <Field
                label={`Value of ${label}`}
                hideLabel
                className="flex-1"
                type={row.secret ? "password" : "text"}
                value={row.value}
                placeholder={row.secret && editing ? "Leave blank to keep" : "value"}
                autoComplete={row.secret ? "new-password" : "off"}
                spellCheck={false}
                data-field={`env.${index}.value`}
                errors={errorsFor(`env.${index}.value`)}
                onChange={(e) => form.changeRow("env", row.key, { value: e.target.value })}
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
            </div>
          );
        })}
      </div>
    </RowGroup>
  );
}
