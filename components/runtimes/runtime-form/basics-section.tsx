import { Field, TextAreaField } from "@/components/forms/field";
import { SectionCard } from "@/components/ui/card";
import { bindField } from "@/components/runtimes/runtime-form/bindings";
import type { RuntimeFormModel } from "@/components/runtimes/use-runtime-form";

/** The container: its name (fixed once created), image, command and arguments. */
export function BasicsSection({ form }: { form: RuntimeFormModel }) {
  const { state } = form;
  return (
    <SectionCard id="basics-heading" title="Container">
      {form.editing ? (
        <p className="text-sm text-slate-600">
          Name: <span className="font-mono font-medium text-slate-900">{state.name}</span> (cannot be changed)
        </p>
      ) : (
        <Field
          label="Name"
          {...bindField(form, "name")}
          required
          autoComplete="off"
          spellCheck={false}
          hint="Lowercase letters, digits and hyphens, starting with a letter. Other runtimes reach it by this name."
        />
      )}
      <Field
        label="Image"
        {...bindField(form, "image")}
        required
        autoComplete="off"
        spellCheck={false}
        placeholder="nginx:1.27"
        hint="A container image reference, such as nginx:1.27 or ghcr.io/org/app:v2."
      />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextAreaField
          label="Command (optional)"
          {...bindField(form, "command")}
          spellCheck={false}
          placeholder={"/app/server"}
          hint="One word per line; replaces the image's entrypoint."
        />
        <TextAreaField
          label="Arguments (optional)"
          {...bindField(form, "args")}
          spellCheck={false}
          placeholder={"--port\n8080"}
          hint="One argument per line."
        />
      </div>
    </SectionCard>
  );
}
