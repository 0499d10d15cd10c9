import { useId } from "react";
import { FieldError, describedBy } from "@/components/forms/field";

// Inputs the runtime form needs beyond components/forms: a textarea field and the small
// labelled inputs of repeatable rows, each announcing its own error (aria-describedby).

export function TextAreaField({
  label,
  hint,
  errors,
  ...textarea
}: { label: string; hint?: string; errors?: string[] } & React.TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const id = useId();
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium text-slate-800">
        {label}
      </label>
      <textarea
        id={id}
        rows={3}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={describedBy(hint ? `${id}-hint` : undefined, errors?.length ? `${id}-error` : undefined)}
        className="rounded-md border border-slate-300 px-3 py-2 font-mono text-sm shadow-xs aria-invalid:border-red-500"
        {...textarea}
      />
      {hint ? (
        <p id={`${id}-hint`} className="text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
      <FieldError id={`${id}-error`} errors={errors} />
    </div>
  );
}

/** An input inside a repeatable row: its label may be visually hidden, never missing. */
export function RowInput({
  label,
  hideLabel = true,
  errors,
  className = "",
  ...input
}: {
  label: string;
  hideLabel?: boolean;
  errors?: string[];
  className?: string;
} & React.InputHTMLAttributes<HTMLInputElement>) {
  const id = useId();
  return (
    <div className={`flex min-w-0 flex-col gap-1 ${className}`}>
      <label htmlFor={id} className={hideLabel ? "sr-only" : "text-xs font-medium text-slate-700"}>
        {label}
      </label>
      <input
        id={id}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={errors?.length ? `${id}-error` : undefined}
        className="w-full min-w-0 rounded-md border border-slate-300 px-3 py-2 text-sm shadow-xs aria-invalid:border-red-500"
        {...input}
      />
      <FieldError id={`${id}-error`} errors={errors} />
    </div>
  );
}

export function RowSelect({
  label,
  hideLabel = true,
  errors,
  options,
  className = "",
  ...select
}: {
  label: string;
  hideLabel?: boolean;
  errors?: string[];
  options: { value: string; label: string }[];
  className?: string;
} & React.SelectHTMLAttributes<HTMLSelectElement>) {
  const id = useId();
  return (
    <div className={`flex min-w-0 flex-col gap-1 ${className}`}>
      <label htmlFor={id} className={hideLabel ? "sr-only" : "text-xs font-medium text-slate-700"}>
        {label}
      </label>
      <select
        id={id}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={errors?.length ? `${id}-error` : undefined}
        className="w-full min-w-0 rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-xs aria-invalid:border-red-500"
        {...select}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <FieldError id={`${id}-error`} errors={errors} />
    </div>
  );
}

/** A group of rows (variables, ports, volumes) with a heading, a hint and group-level errors. */
export function RowGroup({
  title,
  hint,
  errors,
  children,
  addLabel,
  onAdd,
  addDisabled,
}: {
  title: string;
  hint?: React.ReactNode;
  errors?: string[];
  children: React.ReactNode;
  addLabel: string;
  onAdd: () => void;
  addDisabled?: boolean;
}) {
  const id = useId();
  return (
    <FieldsetCard
      title={title}
      describedBy={describedBy(hint ? `${id}-hint` : undefined, errors?.length ? `${id}-error` : undefined)}
    >
      {hint ? (
        <p id={`${id}-hint`} className="-mt-2 text-sm text-slate-600">
          {hint}
        </p>
      ) : null}
      {children}
      <FieldError id={`${id}-error`} errors={errors} />
      <div>
        <button
          type="button"
          onClick={onAdd}
          disabled={addDisabled}
          className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 shadow-xs hover:bg-slate-50 disabled:cursor-not-allowed disabled:opacity-60"
        >
          {addLabel}
        </button>
      </div>
    </FieldsetCard>
  );
}

/** A card whose inputs form one group; the legend is its heading. */
export function FieldsetCard({
  title,
  describedBy: description,
  children,
}: {
  title: string;
  describedBy?: string;
  children: React.ReactNode;
}) {
  return (
    <div className="rounded-xl border border-slate-200 bg-white p-4 sm:p-6">
      <fieldset className="flex min-w-0 flex-col gap-3" aria-describedby={description}>
        <legend className="mb-3 text-base font-semibold">{title}</legend>
        {children}
      </fieldset>
    </div>
  );
}

export function RemoveButton({ label, onClick }: { label: string; onClick: () => void }) {
  return (
    <button
      type="button"
      onClick={onClick}
      aria-label={label}
      title={label}
      className="shrink-0 self-start rounded-md border border-slate-300 bg-white px-3 py-2 text-sm text-slate-700 shadow-xs hover:border-red-300 hover:bg-red-50 hover:text-red-700"
    >
      Remove
    </button>
  );
}
