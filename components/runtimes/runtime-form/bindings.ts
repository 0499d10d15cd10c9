import type { RowList, RowOf } from "@/components/runtimes/runtime-form-state";
import type { RuntimeFormModel } from "@/components/runtimes/use-runtime-form";

// What ties an input to the runtime form's state, written once: its value, the path its
// errors are keyed by (data-field, which focusing a problem looks for), the errors to show
// there now, and the change that marks the field as reached.

type ChangeEvent = React.ChangeEvent<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>;

/** The form's own text fields, each its own error path. */
type TextField = "name" | "image" | "command" | "args" | "cpu" | "memory" | "replicas" | "runtimeClass";

/** Props of the input for one of the form's text fields (a command or its arguments gathers its list's errors). */
export function bindField(form: RuntimeFormModel, field: TextField) {
  return {
    name: field,
    value: form.state[field],
    "data-field": field,
    errors: field === "command" || field === "args" ? form.listErrors(field) : form.errorsFor(field),
    onChange: (e: ChangeEvent) => form.update(field, (s) => ({ ...s, [field]: e.target.value })),
  };
}

/** The text columns of each kind of row. */
type RowColumn<L extends RowList> = { [K in keyof RowOf<L>]: RowOf<L>[K] extends string ? K : never }[keyof RowOf<L>] &
  string;

/** Props of the input for `column` of the `index`th row of `list`. */
export function bindRow<L extends RowList>(
  form: RuntimeFormModel,
  list: L,
  row: RowOf<L>,
  index: number,
  column: RowColumn<L>,
) {
  const path = `${list}.${index}.${column}`;
  return {
    value: row[column] as string,
    "data-field": path,
    errors: form.errorsFor(path),
    onChange: (e: ChangeEvent) => form.changeRow(list, row.key, { [column]: e.target.value } as Partial<RowOf<L>>),
  };
}
