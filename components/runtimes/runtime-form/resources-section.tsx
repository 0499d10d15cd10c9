import { Field, SelectField } from "@/components/forms/field";
import { SectionCard } from "@/components/ui/card";
import type { RuntimeFormModel } from "@/components/runtimes/use-runtime-form";

/** CPU, memory and replicas, and the runtime class that isolates the container. */
export function ResourcesSection({
  form,
  runtimeClasses,
  defaultRuntimeClass,
}: {
  form: RuntimeFormModel;
  runtimeClasses: string[];
  defaultRuntimeClass: string;
}) {
  const { state, update, errorsFor } = form;
  const classOptions = [...new Set([...runtimeClasses, state.runtimeClass])].map((name) => ({
    value: name,
    label: name === defaultRuntimeClass ? `${name} (sandboxed, default)` : name,
  }));
  return (
    <SectionCard id="resources-heading" title="Resources">
      <div className="grid gap-4 sm:grid-cols-3">
        <Field
          label="CPU"
          name="cpu"
          value={state.cpu}
          autoComplete="off"
          spellCheck={false}
          hint={'Per replica: "250m" is a quarter CPU, "0.5" half, "2" two CPUs.'}
          data-field="cpu"
          errors={errorsFor("cpu")}
          onChange={(e) => update("cpu", (s) => ({ ...s, cpu: e.target.value }))}
        />
        <Field
          label="Memory"
          name="memory"
          value={state.memory}
          autoComplete="off"
          spellCheck={false}
          hint={'Per replica, such as "256Mi", "512Mi" or "1Gi".'}
          data-field="memory"
          errors={errorsFor("memory")}
          onChange={(e) => update("memory", (s) => ({ ...s, memory: e.target.value }))}
        />
        <Field
          label="Replicas"
          name="replicas"
          type="number"
          inputMode="numeric"
          min={0}
          max={20}
          value={state.replicas}
          hint="Identical copies, from 0 to 20."
          data-field="replicas"
          errors={errorsFor("replicas")}
          onChange={(e) => update("replicas", (s) => ({ ...s, replicas: e.target.value }))}
        />
      </div>
      <SelectField
        label="Runtime class"
        name="runtimeClass"
        value={state.runtimeClass}
        options={classOptions}
        data-field="runtimeClass"
        errors={errorsFor("runtimeClass")}
        onChange={(e) => update("runtimeClass", (s) => ({ ...s, runtimeClass: e.target.value }))}
      />
      <p className="-mt-3 text-xs text-slate-500">
        How the container is isolated. {defaultRuntimeClass} runs it in a sandbox; some classes cost extra per CPU-hour,
        which the estimate shows.
      </p>
    </SectionCard>
  );
}
