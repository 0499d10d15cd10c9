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
  environment,
  keep,
  errors,
}: {
  basePath: string;
  options: AuditFilterOptions;
  member?: string;
  action?: string;
  /** The environment filter (events filed under it; lib/audit/audit-environment.ts). */
  environment?: string;
  /** Query parameters the form sends unchanged (the page's own `?env=`). */
  keep?: Record<string, string>;
  errors?: { member?: string[]; action?: string[]; environment?: string[] };
}) {
  return (
    <form
      method="get"
      action={basePath}
      role="search"
      aria-label="Filter the audit log"
      className={cardClass({ padding: "sm", className: "flex flex-col gap-3 sm:flex-row sm:flex-wrap sm:items-end" })}
    >
      {Object.entries(keep ?? {}).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
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
      {options.environments.length > 1 ? (
        <div className="sm:w-48">
          <SelectField
            label="Environment"
            name="environment"
            defaultValue={environment ?? ""}
            errors={errors?.environment}
            options={[
              { value: "", label: "All environments" },
              ...options.environments.map((e) => ({ value: e, label: e })),
            ]}
          />
        </div>
      ) : null}
      <div className="flex items-center gap-3">
        <button type="submit" className={buttonClass()}>
          Apply filters
        </button>
        {member || action || environment ? (
          <Link
            href={keep && Object.keys(keep).length ? `${basePath}?${new URLSearchParams(keep)}` : basePath}
            className="text-brand-700 text-sm hover:underline"
          >
            Clear
          </Link>
        ) : null}
      </div>
    </form>
  );
}
