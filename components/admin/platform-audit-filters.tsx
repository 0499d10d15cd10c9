import Link from "next/link";
import type { PlatformAuditFilterOptions, PlatformAuditFilters } from "@/lib/platform/list-platform-audit";
import { SelectField } from "@/components/forms/field";
import { buttonClass } from "@/components/ui/button-class";
import { cardClass } from "@/components/ui/card";

// A plain GET form: the filters live in the URL (shareable, works without JavaScript). The
// target filter comes from links (a user's page), and is kept while it is set.
export function PlatformAuditFiltersForm({
  options,
  filters,
  errors,
}: {
  options: PlatformAuditFilterOptions;
  filters: Partial<PlatformAuditFilters>;
  errors?: Record<string, string[] | undefined>;
}) {
  const filtered = Boolean(filters.actor || filters.action || filters.outcome || filters.target);
  return (
    <form
      method="get"
      action="/admin/audit"
      role="search"
      aria-label="Filter the platform audit log"
      className={cardClass({ padding: "sm", className: "flex flex-col gap-3 lg:flex-row lg:items-end" })}
    >
      {filters.target ? <input type="hidden" name="target" value={filters.target} /> : null}
      <div className="lg:w-72">
        <SelectField
          label="Who"
          name="actor"
          defaultValue={filters.actor ?? ""}
          errors={errors?.actor}
          options={[
            { value: "", label: "Anyone" },
            ...options.actors.map((a) => ({ value: a.userId, label: a.label })),
          ]}
        />
      </div>
      <div className="lg:w-64">
        <SelectField
          label="Action"
          name="action"
          defaultValue={filters.action ?? ""}
          errors={errors?.action}
          options={[{ value: "", label: "All actions" }, ...options.actions.map((a) => ({ value: a, label: a }))]}
        />
      </div>
      <div className="lg:w-40">
        <SelectField
          label="Outcome"
          name="outcome"
          defaultValue={filters.outcome ?? ""}
          errors={errors?.outcome}
          options={[
            { value: "", label: "Any outcome" },
            { value: "SUCCESS", label: "Success" },
            { value: "DENIED", label: "Denied" },
            { value: "FAILED", label: "Failed" },
          ]}
        />
      </div>
      <div className="flex items-center gap-3">
        <button type="submit" className={buttonClass()}>
          Apply filters
        </button>
        {filtered ? (
          <Link href="/admin/audit" className="text-brand-700 text-sm hover:underline">
            Clear
          </Link>
        ) : null}
      </div>
    </form>
  );
}
