import Link from "next/link";
import { Field, SelectField } from "@/components/forms/field";
import { RemoveButton, RowGroup } from "@/components/forms/fieldset";
import type { RuntimeFormModel } from "@/components/runtimes/use-runtime-form";

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
  const { state, errorsFor, focusKey } = form;
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
            <Link href={`/w/${slug}/volumes/new`} className="text-brand-700 hover:underline">
              Create a volume
            </Link>{" "}
            to keep data across restarts.
          </>
        ) : (
          "Mount an existing volume of this workspace at a path in the container."
        )
      }
      errors={errorsFor("volumes")}
      empty={state.volumes.length === 0 ? "No volumes mounted." : undefined}
      addLabel="Add volume"
      addDisabled={volumes.length === 0}
      onAdd={() => {
        const used = new Set(state.volumes.map((v) => v.claimName));
        const claimName = volumes.find((v) => !used.has(v.name))?.name ?? volumes[0]!.name;
        form.addRow("volumes", { claimName, mountPath: "" });
      }}
    >
      <div className="flex flex-col gap-3 max-sm:divide-y max-sm:divide-slate-100 max-sm:[&>*+*]:pt-3">
        {state.volumes.map((row, index) => (
          <div key={row.key} className="flex flex-col gap-2 sm:flex-row sm:items-start">
            <SelectField
              label={`Volume ${index + 1}`}
              hideLabel
              className="sm:w-56"
              value={row.claimName}
              options={options}
              data-field={`volumes.${index}.claimName`}
              errors={errorsFor(`volumes.${index}.claimName`)}
              onChange={(e) => form.changeRow("volumes", row.key, { claimName: e.target.value })}
            />
            <Field
              label={`Mount path of volume ${index + 1}`}
              hideLabel
              className="flex-1"
              value={row.mountPath}
              placeholder="/data"
              autoComplete="off"
              spellCheck={false}
              autoFocus={row.key === focusKey}
              data-field={`volumes.${index}.mountPath`}
              errors={errorsFor(`volumes.${index}.mountPath`)}
              onChange={(e) => form.changeRow("volumes", row.key, { mountPath: e.target.value })}
            />
            <RemoveButton
              label={`Remove volume ${index + 1} (${row.claimName})`}
              onClick={() => form.removeRow("volumes", row.key)}
            />
          </div>
        ))}
      </div>
    </RowGroup>
  );
}
