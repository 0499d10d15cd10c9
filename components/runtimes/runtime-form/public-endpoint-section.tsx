import { useId } from "react";
import { Field, SelectField } from "@/components/forms/field";
import { FieldError } from "@/components/forms/field-error";
import { FieldsetCard } from "@/components/forms/fieldset";
import type { RuntimeFormModel } from "@/components/runtimes/use-runtime-form";

/** An optional public HTTPS address that forwards to one of the ports. */
export function PublicEndpointSection({ form, baseDomain }: { form: RuntimeFormModel; baseDomain: string }) {
  const { state, values, ports, update, errorsFor } = form;
  const hostPrefix = values.publicEndpoint?.hostPrefix ?? "";
  const errorId = useId();
  const errors = errorsFor("publicEndpoint");
  return (
    <FieldsetCard
      title="Public HTTPS endpoint"
      describedBy={state.publicEnabled && errors?.length ? errorId : undefined}
    >
      <label className="flex items-start gap-2 text-sm text-slate-800">
        <input
          type="checkbox"
          className="mt-0.5 size-4"
          checked={state.publicEnabled}
          disabled={ports.length === 0 && !state.publicEnabled}
          onChange={(e) => update("publicEndpoint", (s) => ({ ...s, publicEnabled: e.target.checked }))}
        />
        <span>
          Give this runtime a public HTTPS address
          {ports.length === 0 ? (
            <span className="block text-xs text-slate-500">Add a port first: the address forwards to one of them.</span>
          ) : null}
        </span>
      </label>
      {state.publicEnabled ? (
        <div className="flex flex-col gap-3">
          <div className="grid gap-3 sm:grid-cols-[minmax(0,1fr)_10rem]">
            <Field
              label="Host name prefix"
              compact
              value={hostPrefix}
              autoComplete="off"
              spellCheck={false}
              data-field="publicEndpoint.hostPrefix"
              errors={errorsFor("publicEndpoint.hostPrefix")}
              onChange={(e) =>
                update("publicEndpoint", (s) => ({ ...s, hostPrefix: e.target.value, hostPrefixEdited: true }))
              }
            />
            <SelectField
              label="Port"
              compact
              value={values.publicEndpoint?.port ?? ""}
              options={ports.map((port) => ({ value: port, label: port }))}
              data-field="publicEndpoint.port"
              errors={errorsFor("publicEndpoint.port")}
              onChange={(e) => update("publicEndpoint", (s) => ({ ...s, endpointPort: e.target.value }))}
            />
          </div>
          <p className="text-sm text-slate-600">
            Address:{" "}
            <span className="font-mono break-all text-slate-900">
              https://{hostPrefix || "…"}.{baseDomain}
            </span>
          </p>
          <FieldError id={errorId} errors={errors} />
        </div>
      ) : null}
    </FieldsetCard>
  );
}
