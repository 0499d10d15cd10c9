import { useId } from "react";
import { cn } from "@/components/ui/cn";
import { FieldError } from "@/components/forms/field-error";

// Labelled controls whose hint and errors are announced with them (aria-describedby) and
// shown right under them. One frame for every kind of control: an input, a select or a
// textarea, with a visible label, or (inside a repeatable row) a visually hidden one.

/** The aria-describedby value for the ids that are present, or none at all. */
export function describedBy(...ids: (string | null | undefined)[]): string | undefined {
  return ids.filter(Boolean).join(" ") || undefined;
}

interface FrameProps {
  label: string;
  /** Keep the label for assistive technology only (inputs of a repeatable row). */
  hideLabel?: boolean;
  /** A smaller label, for inputs inside a group that has its own heading. */
  compact?: boolean;
  hint?: React.ReactNode;
  errors?: string[];
  /** Classes of the frame (its width in a row). */
  className?: string;
}

const CONTROL =
  "w-full min-w-0 rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-xs aria-invalid:border-red-500";

/** The ids and aria attributes a control needs, and the frame around it. */
function useFrame({ label, hideLabel, compact, hint, errors, className }: FrameProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const aria = {
    id,
    "aria-invalid": errors?.length ? true : undefined,
    "aria-describedby": describedBy(hint ? hintId : null, errors?.length ? errorId : null),
  } as const;
  const frame = (control: React.ReactNode) => (
    <div className={cn("flex min-w-0 flex-col gap-1", className)}>
      <label
        htmlFor={id}
        className={
          hideLabel ? "sr-only" : compact ? "text-xs font-medium text-slate-700" : "text-sm font-medium text-slate-800"
        }
      >
        {label}
      </label>
      {control}
      {hint ? (
        <p id={hintId} className="text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
      <FieldError id={errorId} errors={errors} />
    </div>
  );
  return { aria, frame };
}

export function Field({
  label,
  hideLabel,
  compact,
  hint,
  errors,
  className,
  ...input
}: FrameProps & React.InputHTMLAttributes<HTMLInputElement>) {
  const { aria, frame } = useFrame({ label, hideLabel, compact, hint, errors, className });
  return frame(<input {...aria} className={CONTROL} {...input} />);
}

export function SelectField({
  label,
  hideLabel,
  compact,
  hint,
  errors,
  className,
  options,
  ...select
}: FrameProps & { options: { value: string; label: string }[] } & React.SelectHTMLAttributes<HTMLSelectElement>) {
  const { aria, frame } = useFrame({ label, hideLabel, compact, hint, errors, className });
  return frame(
    <select {...aria} className={CONTROL} {...select}>
      {options.map((option) => (
        <option key={option.value} value={option.value}>
          {option.label}
        </option>
      ))}
    </select>,
  );
}

export function TextAreaField({
  label,
  hideLabel,
  compact,
  hint,
  errors,
  className,
  ...textarea
}: FrameProps & React.TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const { aria, frame } = useFrame({ label, hideLabel, compact, hint, errors, className });
  return frame(<textarea {...aria} rows={3} className={cn(CONTROL, "font-mono")} {...textarea} />);
}
