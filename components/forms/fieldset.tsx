import { useId } from "react";
import { Button } from "@/components/ui/button";
import { cardClass } from "@/components/ui/card";
import { describedBy } from "@/components/forms/field";
import { FieldError } from "@/components/forms/field-error";

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
    <div className={cardClass()}>
      <fieldset className="flex min-w-0 flex-col gap-3" aria-describedby={description}>
        <legend className="mb-3 text-base font-semibold">{title}</legend>
        {children}
      </fieldset>
    </div>
  );
}

/** A group of repeatable rows (variables, ports, volumes) with a hint, group-level errors and an add button. */
export function RowGroup({
  title,
  hint,
  errors,
  empty,
  children,
  addLabel,
  onAdd,
  addDisabled,
}: {
  title: string;
  hint?: React.ReactNode;
  errors?: string[];
  /** Shown instead of the rows while there are none. */
  empty?: string;
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
      {empty ? <p className="text-sm text-slate-500">{empty}</p> : null}
      {children}
      <FieldError id={`${id}-error`} errors={errors} />
      <div>
        <Button variant="secondary" size="sm" onClick={onAdd} disabled={addDisabled}>
          {addLabel}
        </Button>
      </div>
    </FieldsetCard>
  );
}

/** Repeatable rows whose inputs sit side by side from sm up; stacked and divided below that. */
export function StackedRows({ children }: { children: React.ReactNode }) {
  return (
    <div className="flex flex-col gap-3 max-sm:divide-y max-sm:divide-slate-100 max-sm:[&>*+*]:pt-3">{children}</div>
  );
}

/** One row of StackedRows. */
export function StackedRow({ children }: { children: React.ReactNode }) {
  return <div className="flex flex-col gap-2 sm:flex-row sm:items-start">{children}</div>;
}

export function RemoveButton({ label, onClick }: { label: string; onClick: () => void }) {
  return (
    <Button
      variant="remove"
      size="field"
      onClick={onClick}
      aria-label={label}
      title={label}
      className="shrink-0 self-start"
    >
      Remove
    </Button>
  );
}
