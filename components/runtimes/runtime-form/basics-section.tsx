import { Field, TextAreaField } from "@/components/forms/field";
import { SectionCard } from "@/components/ui/card";
import type { RuntimeFormModel } from "@/components/runtimes/use-runtime-form";

/** The container: its name (fixed once created), image, command and arguments. */
export function BasicsSection({ form }: { form: RuntimeFormModel }) {
  const { state, update, errorsFor, listErrors } = form;
  return (
    <SectionCard id="basics-heading" title="Container">
      {form.editing ? (
        <p className="text-sm text-slate-600">
          Name: <span className="font-mono font-medium text-slate-900">{state.name}</span> (cannot be changed)
        </p>
      ) : (
        <Field
          label="Name"
          name="name"
          value={state.name}
          required
          maxLength={40}
          autoComplete="off"
          spellCheck={false}
          hint="Lowercase letters, digits and hyphens, starting with a letter. Other runtimes reach it by this name."
          data-field="name"
          errors={errorsFor("name")}
          onChange={(e) => update("name", (s) => ({ ...s, name: e.target.value }))}
        />
      )}
      <Field
        label="Image"
        name="image"
        value={state.image}
        required
        autoComplete="off"
        spellCheck={false}
        placeholder="nginx:1.27"
        hint="A container image reference, such as nginx:1.27 or ghcr.io/org/app:v2."
        data-field="image"
        errors={errorsFor("image")}
        onChange={(e) => update("image", (s) => ({ ...s, image: e.target.value }))}
      />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextAreaField
          label="Command (optional)"
          name="command"
          value={state.command}
          spellCheck={false}
          placeholder={"/app/server"}
          hint="One word per line; replaces the image's entrypoint."
          data-field="command"
          errors={listErrors("command")}
          onChange={(e) => update("command", (s) => ({ ...s, command: e.target.value }))}
        />
        <TextAreaField
          label="Arguments (optional)"
          name="args"
          value={state.args}
          spellCheck={false}
          placeholder={"--port\n8080"}
          hint="One argument per line."
          data-field="args"
          errors={listErrors("args")}
          onChange={(e) => update("args", (s) => ({ ...s, args: e.target.value }))}
        />
      </div>
    </SectionCard>
  );
}
