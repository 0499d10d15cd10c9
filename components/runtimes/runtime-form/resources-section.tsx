import { Field, SelectField } from "@/components/forms/field";
import { SectionCard } from "@/components/ui/card";
import { bindField } from "@/components/runtimes/runtime-form/bindings";
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
  const classOptions = [...new Set([...runtimeClasses, form.state.runtimeClass])].map((name) => ({
    value: name,
    label: name === defaultRuntimeClass ? `${name} (sandboxed, default)` : name,
  }));
  return (
    <SectionCard id="resources-heading" title="Resources">
      <div className="grid gap-4 sm:grid-cols-3">
        <Field
          label="CPU"
          {...bindField(form, "cpu")}
          autoComplete="off"
          spellCheck={false}
          hint={'Per replica: "250m" is a quarter CPU, "0.5" half, "2" two CPUs.'}
        />
        <Field
          label="Memory"
          {...bindField(form, "memory")}
          autoComplete="off"
          spellCheck={false}
          hint={'Per replica, such as "256Mi", "512Mi" or "1Gi".'}
        />
        <Field
          label="Replicas"
          {...bindField(form, "replicas")}
          type="number"
          inputMode="numeric"
          min={0}
          max={20}
          hint="Identical copies, from 0 to 20."
        />
      </div>
      <SelectField label="Runtime class" {...bindField(form, "runtimeClass")} options={classOptions} />
      <p className="-mt-3 text-xs text-slate-500">
        How the container is isolated. {defaultRuntimeClass} runs it in a sandbox; some classes cost extra per CPU-hour,
        which the estimate shows.
      </p>
    </SectionCard>
  );
}
