import Link from "next/link";
import type { AuditFilterOptions } from "@/lib/audit/list-audit-events";
import { SelectField } from "@/components/forms/field";
import { buttonClass } from "@/components/ui/button-class";
import { cardClass } from "@/components/ui/card";

// A plain GET form: the filters live in the URL, so a filtered view can be shared or
// bookmarked, and it works without JavaScript.
export function AuditFilters({
  basePath,
  options,
  member,
  action,
  errors,
}: {
  basePath: string;
  options: AuditFilterOptions;
  member?: string;
  action?: string;
  errors?: { member?: string[]; action?: string[] };
}) {
  return (
    <form
      method="get"
      action={basePath}
      role="search"
      aria-label="Filter the audit log"
      className={cardClass({ padding: "sm", className: "flex flex-col gap-3 sm:flex-row sm:items-end" })}
    >
      <div className="sm:w-72">
        <SelectField
          label="Member"
          name="member"
          defaultValue={member ?? ""}
          errors={errors?.member}
          options={[
            { value: "", label: "All members" },
            ...options.members.map((m) => ({ value: m.userId, label: m.label })),
          ]}
        />
      </div>
      <div className="sm:w-64">
        <SelectField
          label="Action"
          name="action"
          defaultValue={action ?? ""}
          errors={errors?.action}
          options={[{ value: "", label: "All actions" }, ...options.actions.map((a) => ({ value: a, label: a }))]}
        />
      </div>
      <div className="flex items-center gap-3">
        <button type="submit" className={buttonClass()}>
          Apply filters
        </button>
        {member || action ? (
          <Link href={basePath} className="text-brand-700 text-sm hover:underline">
            Clear
          </Link>
        ) : null}
      </div>
    </form>
  );
}
