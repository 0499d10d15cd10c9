// A field's error text, in a module of its own: a form with a control of its own (the runtime
// page's replicas, a fieldset) need not carry the whole of field.tsx.

/** A field's error text, which the control names in aria-describedby; nothing when there is none. */
export function FieldError({ id, errors }: { id: string; errors?: string[] }) {
  if (!errors?.length) return null;
  return (
    <p id={id} className="text-sm text-red-700">
      {errors.join(" ")}
    </p>
  );
}
