import { Field } from "@/components/forms/field";
import { RemoveButton, RowGroup } from "@/components/forms/fieldset";
import { bindRow } from "@/components/runtimes/runtime-form/bindings";
import type { RuntimeFormModel } from "@/components/runtimes/use-runtime-form";

/** The ports the container listens on; the runtime's Service exposes them inside the workspace. */
export function PortsSection({ form }: { form: RuntimeFormModel }) {
  const { state, focusKey } = form;
  return (
    <RowGroup
      title="Ports"
      hint={`The ports your container listens on. Other runtimes in this workspace reach them at ${state.name || "<name>"}:<port>.`}
      errors={form.errorsFor("ports")}
      empty={state.ports.length === 0 ? "No ports." : undefined}
      addLabel="Add port"
      onAdd={() => form.addRow("ports", { port: "" })}
    >
      {state.ports.map((row, index) => (
        <div key={row.key} className="flex items-start gap-2">
          <Field
            label={`Port ${index + 1}`}
            hideLabel
            className="w-40"
            type="number"
            inputMode="numeric"
            min={1}
            max={65535}
            {...bindRow(form, "ports", row, index, "port")}
            placeholder="8080"
            autoFocus={row.key === focusKey}
          />
          <RemoveButton
            label={`Remove port ${index + 1}${row.port ? ` (${row.port})` : ""}`}
            onClick={() => form.removeRow("ports", row.key)}
          />
        </div>
      ))}
    </RowGroup>
  );
}
