import Link from "next/link";
import { Field, SelectField } from "@/components/forms/field";
import { buttonClass } from "@/components/ui/button-class";
import { cardClass } from "@/components/ui/card";

// A plain GET form: the search lives in the URL (shareable, works without JavaScript).
export function UserSearch({
  q,
  status,
  errors,
}: {
  q: string;
  status: string;
  errors?: Record<string, string[] | undefined>;
}) {
  return (
    <form
      method="get"
      action="/admin/users"
      role="search"
      aria-label="Search users"
      className={cardClass({ padding: "sm", className: "flex flex-col gap-3 sm:flex-row sm:items-end" })}
    >
      <div className="flex-1">
        <Field label="Name or email" name="q" type="search" defaultValue={q} errors={errors?.q} />
      </div>
      <div className="sm:w-48">
        <SelectField
          label="Status"
          name="status"
          defaultValue={status}
          errors={errors?.status}
          options={[
            { value: "all", label: "All users" },
            { value: "active", label: "Active" },
            { value: "disabled", label: "Disabled" },
            { value: "admins", label: "Administrators" },
          ]}
        />
      </div>
      <div className="flex items-center gap-3">
        <button type="submit" className={buttonClass()}>
          Search
        </button>
        {q || status !== "all" ? (
          <Link href="/admin/users" className="text-brand-700 text-sm hover:underline">
            Clear
          </Link>
        ) : null}
      </div>
    </form>
  );
}
