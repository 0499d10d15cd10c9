"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { Field, SelectField } from "@/components/forms/field";
import { FormMessage } from "@/components/forms/form-message";
import { SubmitButton } from "@/components/forms/submit-button";
import { useFormAction, type FormAction } from "@/components/forms/use-form-action";
import { useToast } from "@/components/ui/toast";
import { PRICE_RESOURCES } from "@/lib/plans/price-resources";

// Scheduling a new price for one of the plan's resources, from a whole UTC hour in the future.

const FIELDS = ["resource", "runtimeClass", "price", "effectiveFrom"];

export function PriceScheduleForm({ planId, action }: { planId: string; action: FormAction<{ id: string }> }) {
  const router = useRouter();
  const toast = useToast();
  // Controlled, so a refused submission keeps what was typed (React resets a form after its action).
  const [resource, setResource] = useState<string>(PRICE_RESOURCES[0].resource);
  const [runtimeClass, setRuntimeClass] = useState("");
  const [price, setPrice] = useState("");
  const [effectiveFrom, setEffectiveFrom] = useState("");
  const { formAction, errorsFor, failure } = useFormAction(action, {
    fields: FIELDS,
    onSuccess: () => {
      setPrice("");
      setEffectiveFrom("");
      toast({ message: "Price scheduled." });
      router.refresh();
    },
  });
  const unit = PRICE_RESOURCES.find((r) => r.resource === resource)?.unit ?? "";
  return (
    <form action={formAction} className="flex flex-col gap-4" noValidate>
      <input type="hidden" name="planId" value={planId} />
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField
          label="Resource"
          name="resource"
          value={resource}
          onChange={(event) => setResource(event.target.value)}
          options={PRICE_RESOURCES.map((r) => ({ value: r.resource, label: r.label }))}
          errors={errorsFor("resource")}
        />
        {resource === "RUNTIME_CLASS_CORE_HOUR" ? (
          <Field
            label="Runtime class"
            name="runtimeClass"
            autoComplete="off"
            value={runtimeClass}
            onChange={(event) => setRuntimeClass(event.target.value)}
            errors={errorsFor("runtimeClass")}
          />
        ) : null}
        <Field
          label="Price (USD)"
          name="price"
          value={price}
          onChange={(event) => setPrice(event.target.value)}
          inputMode="decimal"
          autoComplete="off"
          hint={unit ? `${unit[0]!.toUpperCase()}${unit.slice(1)}, up to 6 decimals.` : undefined}
          errors={errorsFor("price")}
        />
        <Field
          label="Starts at (UTC)"
          name="effectiveFrom"
          value={effectiveFrom}
          onChange={(event) => setEffectiveFrom(event.target.value)}
          type="datetime-local"
          step={3600}
          hint="A whole hour in the future, in UTC. Hours before it keep the price they had."
          errors={errorsFor("effectiveFrom")}
        />
      </div>
      <FormMessage state={failure} />
      <div className="flex justify-end">
        <SubmitButton pendingLabel="Scheduling…">Schedule price</SubmitButton>
      </div>
    </form>
  );
}
