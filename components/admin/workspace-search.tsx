import Link from "next/link";
import { Field, SelectField } from "@/components/forms/field";
import { buttonClass } from "@/components/ui/button-class";
import { cardClass } from "@/components/ui/card";

// The operator's workspace search: a plain GET form, so the search lives in the URL
// (shareable, works without JavaScript). Changing it starts again from the first page.

export interface WorkspaceSearchValues {
  q: string;
  plan: string;
  status: string;
  balance: string;
  suspended: string;
  sort: string;
}

export function WorkspaceSearch({
  values,
  plans,
  errors,
  filtered,
}: {
  values: WorkspaceSearchValues;
  plans: { id: string; name: string }[];
  errors?: Record<string, string[] | undefined>;
  filtered: boolean;
}) {
  return (
    <form
      method="get"
      action="/admin/workspaces"
      role="search"
      aria-label="Search workspaces"
      className={cardClass({ padding: "sm", className: "grid gap-3 sm:grid-cols-2 lg:grid-cols-4" })}
    >
      <div className="sm:col-span-2">
        <Field label="Slug, name or owner's email" name="q" type="search" defaultValue={values.q} errors={errors?.q} />
      </div>
      <SelectField
        label="Plan"
        name="plan"
        defaultValue={values.plan}
        errors={errors?.plan}
        options={[{ value: "", label: "Any plan" }, ...plans.map((p) => ({ value: p.id, label: p.name }))]}
      />
      <SelectField
        label="Status"
        name="status"
        defaultValue={values.status}
        errors={errors?.status}
        options={[
          { value: "all", label: "Any (not deleted)" },
          { value: "READY", label: "Ready" },
          { value: "PROVISIONING", label: "Provisioning" },
          { value: "DELETING", label: "Deleting" },
          { value: "DELETED", label: "Deleted" },
        ]}
      />
      <SelectField
        label="Balance"
        name="balance"
        defaultValue={values.balance}
        errors={errors?.balance}
        options={[
          { value: "all", label: "Any balance" },
          { value: "negative", label: "At or below zero" },
        ]}
      />
      <SelectField
        label="Suspended"
        name="suspended"
        defaultValue={values.suspended}
        errors={errors?.suspended}
        options={[
          { value: "all", label: "Suspended or not" },
          { value: "any", label: "Suspended (any reason)" },
          { value: "operator", label: "Suspended by an operator" },
          { value: "billing", label: "Suspended by billing" },
          { value: "none", label: "Not suspended" },
        ]}
      />
      <SelectField
        label="Sort by"
        name="sort"
        defaultValue={values.sort}
        errors={errors?.sort}
        options={[
          { value: "created", label: "Newest first" },
          { value: "name", label: "Name" },
          { value: "slug", label: "Slug" },
        ]}
      />
      <div className="flex items-end gap-3">
        <button type="submit" className={buttonClass()}>
          Search
        </button>
        {filtered ? (
          <Link href="/admin/workspaces" className="text-brand-700 text-sm hover:underline">
            Clear
          </Link>
        ) : null}
      </div>
    </form>
  );
}
