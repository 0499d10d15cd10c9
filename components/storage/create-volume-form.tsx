"use client";

import { useState } from "react";
import { volumeCost, type VolumePrice } from "@/lib/billing/volume-cost";
import { formatBytes } from "@/lib/storage/size";
import {
  ACCESS_MODES,
  ACCESS_MODE_LABELS,
  VOLUME_MODES,
  VOLUME_MODE_LABELS,
  parseVolumeSize,
} from "@/lib/storage/volume-spec";
import { Field, SelectField } from "@/components/forms/field";
import { FormMessage } from "@/components/forms/form-message";
import { SubmitButton } from "@/components/forms/submit-button";
import { useFormAction, type FormAction } from "@/components/forms/use-form-action";
import { cardClass } from "@/components/ui/card";

export interface StorageLeft {
  bytes: number;
  volumes: number;
}

/** What the typed size would leave of the quota, before the server is asked. */
function sizeHint(size: string, left: StorageLeft | null, refused: boolean): string {
  const base = "A Kubernetes quantity such as 10Gi or 1536Mi, from 1 GiB to 1000 GiB.";
  const parsed = parseVolumeSize(size);
  if (!("bytes" in parsed) || !left || refused) return base;
  if (parsed.bytes > left.bytes) {
    return `${formatBytes(parsed.bytes)} is more than the ${formatBytes(left.bytes)} of storage left in this workspace's quota.`;
  }
  return `${base} ${formatBytes(left.bytes - parsed.bytes)} of storage would be left.`;
}

/** The typed size's price, as the runtime form's preflight shows a runtime's. */
function Price({ size, price }: { size: string; price: VolumePrice }) {
  const parsed = parseVolumeSize(size);
  if (!("bytes" in parsed)) return null;
  const cost = volumeCost(parsed.bytes, price);
  return (
    <p className="text-sm text-slate-700" aria-live="polite">
      Cost: <span data-testid="volume-hourly">{cost.hourly} per hour</span>, about {cost.monthly} per month (
      {price.hoursPerMonth} hours), billed while the volume exists.
    </p>
  );
}

export function CreateVolumeForm({
  action,
  storageClasses,
  left,
  price,
}: {
  action: FormAction;
  storageClasses: { name: string; expandable: boolean }[];
  left: StorageLeft | null;
  price: VolumePrice;
}) {
  const { state, formAction, errorsFor, failure } = useFormAction(action);
  // Controlled fields: what the user typed survives a refused submission.
  const [name, setName] = useState("");
  const [size, setSize] = useState("10Gi");
  const [storageClass, setStorageClass] = useState(storageClasses[0]?.name ?? "");
  const [accessMode, setAccessMode] = useState<string>("ReadWriteOnce");
  const [volumeMode, setVolumeMode] = useState<string>("Filesystem");
  // The preview gives way to the server's verdict on the size until the size is edited.
  const [sizeEditedAfter, setSizeEditedAfter] = useState<unknown>(null);
  const sizeRefused = Boolean(errorsFor("size")) && sizeEditedAfter !== state;

  return (
    <form
      action={formAction}
      className={cardClass({ padding: "none", className: "flex flex-col gap-4 p-6" })}
      noValidate
    >
      <Field
        label="Name"
        name="name"
        value={name}
        required
        autoComplete="off"
        hint="Lowercase letters, digits and hyphens, starting with a letter; runtimes mount the volume by this name."
        errors={errorsFor("name")}
        onChange={(event) => setName(event.target.value)}
      />
      <Field
        label="Size"
        name="size"
        value={size}
        required
        autoComplete="off"
        hint={sizeHint(size, left, sizeRefused)}
        errors={errorsFor("size")}
        onChange={(event) => {
          setSize(event.target.value);
          setSizeEditedAfter(state);
        }}
      />
      <SelectField
        label="Storage class"
        name="storageClass"
        value={storageClass}
        errors={errorsFor("storageClass")}
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
        errors={errorsFor("accessMode")}
        onChange={(event) => setAccessMode(event.target.value)}
        options={ACCESS_MODES.map((mode) => ({ value: mode, label: ACCESS_MODE_LABELS[mode] }))}
      />
      <SelectField
        label="Volume mode"
        name="volumeMode"
        value={volumeMode}
        errors={errorsFor("volumeMode")}
        onChange={(event) => setVolumeMode(event.target.value)}
        options={VOLUME_MODES.map((mode) => ({ value: mode, label: VOLUME_MODE_LABELS[mode] }))}
      />
      <Price size={size} price={price} />
      <FormMessage state={failure} />
      <div className="flex justify-end">
        <SubmitButton pendingLabel="Creating…">Create volume</SubmitButton>
      </div>
    </form>
  );
}
