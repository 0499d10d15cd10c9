"use client";

import { useActionState, useState } from "react";
import { createVolumeAction } from "@/app/(console)/w/[slug]/volumes/actions";
import { Field, SelectField } from "@/components/forms/field";
import { FormMessage } from "@/components/forms/form-message";
import { SubmitButton } from "@/components/forms/submit-button";
import { formatBytes } from "@/lib/storage/size";
import {
  ACCESS_MODES,
  ACCESS_MODE_LABELS,
  VOLUME_MODES,
  VOLUME_MODE_LABELS,
  volumeSize,
} from "@/lib/storage/volume-input";

export interface StorageLeft {
  bytes: number;
  volumes: number;
}

/** What the typed size would leave of the quota, before the server is asked. */
function sizeHint(size: string, left: StorageLeft | null, refused: boolean): string {
  const base = "A Kubernetes quantity such as 10Gi or 1536Mi, from 1 GiB to 1000 GiB.";
  const parsed = volumeSize.safeParse(size);
  if (!parsed.success || !left || refused) return base;
  if (parsed.data > left.bytes) {
    return `${formatBytes(parsed.data)} is more than the ${formatBytes(left.bytes)} of storage left in this workspace's quota.`;
  }
  return `${base} ${formatBytes(left.bytes - parsed.data)} of storage would be left.`;
}

export function CreateVolumeForm({
  slug,
  storageClasses,
  left,
}: {
  slug: string;
  storageClasses: { name: string; expandable: boolean }[];
  left: StorageLeft | null;
}) {
  const [state, action] = useActionState(createVolumeAction.bind(null, slug), null);
  // Controlled fields: what the user typed survives a refused submission.
  const [name, setName] = useState("");
  const [size, setSize] = useState("10Gi");
  const [storageClass, setStorageClass] = useState(storageClasses[0]?.name ?? "");
  const [accessMode, setAccessMode] = useState<string>("ReadWriteOnce");
  const [volumeMode, setVolumeMode] = useState<string>("Filesystem");
  // The preview gives way to the server's verdict on the size until the size is edited.
  const [sizeEditedAfter, setSizeEditedAfter] = useState<unknown>(null);
  const fieldErrors = state && !state.ok ? state.fieldErrors : undefined;
  const sizeRefused = Boolean(fieldErrors?.size) && sizeEditedAfter !== state;
  const hasFieldError = Boolean(fieldErrors && Object.keys(fieldErrors).length);

  return (
    <form action={action} className="flex flex-col gap-4 rounded-xl border border-slate-200 bg-white p-6" noValidate>
      <Field
        label="Name"
        name="name"
        value={name}
        required
        maxLength={40}
        autoComplete="off"
        hint="Lowercase letters, digits and hyphens, starting with a letter; runtimes mount the volume by this name."
        errors={fieldErrors?.name}
        onChange={(event) => setName(event.target.value)}
      />
      <Field
        label="Size"
        name="size"
        value={size}
        required
        autoComplete="off"
        hint={sizeHint(size, left, sizeRefused)}
        errors={fieldErrors?.size}
        onChange={(event) => {
          setSize(event.target.value);
          setSizeEditedAfter(state);
        }}
      />
      <SelectField
        label="Storage class"
        name="storageClass"
        value={storageClass}
        errors={fieldErrors?.storageClass}
        onChange={(event) => setStorageClass(event.target.value)}
        options={storageClasses.map((c) => ({
          value: c.name,
          label: `${c.name}${c.expandable ? " (can be expanded later)" : " (fixed size)"}`,
        }))}
      />
      <SelectField
        label="Access mode"
        name="accessMode"
        value={accessMode}
        errors={fieldErrors?.accessMode}
        onChange={(event) => setAccessMode(event.target.value)}
        options={ACCESS_MODES.map((mode) => ({ value: mode, label: ACCESS_MODE_LABELS[mode] }))}
      />
      <SelectField
        label="Volume mode"
        name="volumeMode"
        value={volumeMode}
        errors={fieldErrors?.volumeMode}
        onChange={(event) => setVolumeMode(event.target.value)}
        options={VOLUME_MODES.map((mode) => ({ value: mode, label: VOLUME_MODE_LABELS[mode] }))}
      />
      <FormMessage state={state && !state.ok && !hasFieldError ? state : null} />
      <div className="flex justify-end">
        <SubmitButton pendingLabel="Creating…">Create volume</SubmitButton>
      </div>
    </form>
  );
}
