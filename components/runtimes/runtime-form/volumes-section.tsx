import Link from "next/link";
import { Field, SelectField } from "@/components/forms/field";
import { RemoveButton, RowGroup, StackedRow, StackedRows } from "@/components/forms/fieldset";
import { bindRow } from "@/components/runtimes/runtime-form/bindings";
import type { RuntimeFormModel } from "@/components/runtimes/use-runtime-form";
import { useWorkspaceLinks } from "@/components/workspace/use-environment";

/** Existing volumes of the workspace mounted at paths in the container. */
export function VolumesSection({
  form,
  slug,
  volumes,
}: {
  form: RuntimeFormModel;
  slug: string;
  volumes: { name: string; status: string }[];
}) {
  const { state, focusKey } = form;
  const { page } = useWorkspaceLinks(slug);
  const names = [...new Set([...volumes.map((v) => v.name), ...state.volumes.map((v) => v.claimName)])].filter(Boolean);
  const options = names.map((name) => {
    const status = volumes.find((v) => v.name === name)?.status;
    return { value: name, label: status && status !== "Bound" ? `${name} (${status.toLowerCase()})` : name };
  });
  return (
    <RowGroup
      title="Volumes"
      hint={
        volumes.length === 0 ? (
          <>
            This workspace has no volumes yet.{" "}
            <Link href={page(`/volumes/new`)} className="text-brand-700 hover:underline">
              Create a volume
            </Link>{" "}
            to keep data across restarts.
          </>
        ) : (
          "Mount an existing volume of this workspace at a path in the container."
        )
      }
      errors={form.errorsFor("volumes")}
      empty={state.volumes.length === 0 ? "No volumes mounted." : undefined}
      addLabel="Add volume"
      addDisabled={volumes.length === 0}
      onAdd={() => {
        const used = new Set(state.volumes.map((v) => v.claimName));
        const claimName = volumes.find((v) => !used.has(v.name))?.name ?? volumes[0]!.name;
        form.addRow("volumes", { claimName, mountPath: "" });
      }}
    >
      <StackedRows>
        {state.volumes.map((row, index) => (
          <StackedRow key={row.key}>
            <SelectField
              label={`Volume ${index + 1}`}
              hideLabel
              className="sm:w-56"
              {...bindRow(form, "volumes", row, index, "claimName")}
              options={options}
            />
            <Field
              label={`Mount path of volume ${index + 1}`}
              hideLabel
              className="flex-1"
              {...bindRow(form, "volumes", row, index, "mountPath")}
              placeholder="/data"
              autoComplete="off"
              spellCheck={false}
              autoFocus={row.key === focusKey}
            />
            <RemoveButton
              label={`Remove volume ${index + 1} (${row.claimName})`}
              onClick={() => form.removeRow("volumes", row.key)}
            />
          </StackedRow>
        ))}
      </StackedRows>
    </RowGroup>
  );
}
