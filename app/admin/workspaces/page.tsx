import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { platformPage } from "@/lib/auth/platform-page";
import { AppError } from "@/lib/errors/app-error";
import { listPlans } from "@/lib/platform/list-plans";
import { listWorkspaces, listWorkspacesInput, type WorkspacePage } from "@/lib/platform/list-workspaces";
import { WorkspaceSearch, type WorkspaceSearchValues } from "@/components/admin/workspace-search";
import { WorkspaceTable } from "@/components/admin/workspace-table";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button-class";
import { EmptyState } from "@/components/ui/empty-state";

export const metadata: Metadata = { title: "Workspaces · Operator console" };

type SearchParams = Record<string, string | string[] | undefined>;

function first(value: string | string[] | undefined): string | undefined {
  return (Array.isArray(value) ? value[0] : value) || undefined;
}

const DEFAULTS: WorkspaceSearchValues = {
  q: "",
  plan: "",
  status: "all",
  balance: "all",
  suspended: "all",
  sort: "created",
};

function pageHref(values: WorkspaceSearchValues, cursor: { after?: string; before?: string }): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(values) as [keyof WorkspaceSearchValues, string][]) {
    if (value && value !== DEFAULTS[key]) search.set(key, value);
  }
  if (cursor.after) search.set("after", cursor.after);
  if (cursor.before) search.set("before", cursor.before);
  return search.size ? `/admin/workspaces?${search}` : "/admin/workspaces";
}

export default async function AdminWorkspacesPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await platformPage("platform.read");
  const raw = await searchParams;
  const values: WorkspaceSearchValues = {
    q: first(raw.q) ?? "",
    plan: first(raw.plan) ?? "",
    status: first(raw.status) ?? "all",
    balance: first(raw.balance) ?? "all",
    suspended: first(raw.suspended) ?? "all",
    sort: first(raw.sort) ?? "created",
  };
  const parsed = listWorkspacesInput.safeParse({ ...values, after: first(raw.after), before: first(raw.before) });
  let errors = parsed.success ? undefined : (z.flattenError(parsed.error).fieldErrors as Record<string, string[]>);
  let result: WorkspacePage | null = null;
  if (parsed.success) {
    try {
      result = await listWorkspaces(parsed.data);
    } catch (error) {
      if (!(error instanceof AppError) || !error.fieldErrors) throw error;
      errors = error.fieldErrors;
    }
  }
  const plans = await listPlans();
  const planNames = Object.fromEntries(plans.map((p) => [p.id, p.name]));
  const filtered = (Object.keys(DEFAULTS) as (keyof WorkspaceSearchValues)[]).some((k) => values[k] !== DEFAULTS[k]);
  return (
    <div className="flex flex-col gap-4">
      <div>
        <h1 className="text-2xl font-semibold">Workspaces</h1>
        <p className="text-sm text-slate-600">
          Every workspace on the platform. Open one to change its plan or quota, grant credit, or suspend it.
        </p>
      </div>
      <WorkspaceSearch values={values} plans={plans} errors={errors} filtered={filtered} />
      {errors ? (
        <Alert>
          These search settings are not valid: {Object.values(errors).flat().join(" ")}{" "}
          <Link href="/admin/workspaces" className="underline">
            Start again
          </Link>
        </Alert>
      ) : null}
      {result && result.workspaces.length === 0 ? (
        <EmptyState>{filtered ? "No workspaces match this search." : "No workspaces yet."}</EmptyState>
      ) : null}
      {result && result.workspaces.length > 0 ? (
        <>
          <p className="text-sm text-slate-600" role="status">
            {result.total} workspace{result.total === 1 ? "" : "s"}
            {filtered ? " match" : ""} · showing {result.workspaces.length}
          </p>
          <WorkspaceTable workspaces={result.workspaces} planNames={planNames} />
          <nav aria-label="Workspace pages" className="flex items-center justify-between gap-3 text-sm">
            {result.previous ? (
              <Link
                href={pageHref(values, { before: result.previous })}
                className={buttonClass({ variant: "secondary", size: "sm" })}
              >
                ← Previous
              </Link>
            ) : (
              <span />
            )}
            {result.next ? (
              <Link
                href={pageHref(values, { after: result.next })}
                className={buttonClass({ variant: "secondary", size: "sm" })}
              >
                Next →
              </Link>
            ) : null}
          </nav>
        </>
      ) : null}
    </div>
  );
}
