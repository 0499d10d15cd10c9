import type { Metadata } from "next";
import Link from "next/link";
import { workspacePage } from "@/lib/auth/workspace-page";
import { DEFAULT_ENVIRONMENT, ENVIRONMENT_PARAM, environmentParam } from "@/lib/environments/environment-param";
import { can } from "@/lib/authz/permissions";
import { listAuditEvents, listAuditFilterOptions, type AuditPage } from "@/lib/audit/list-audit-events";
import { AppError } from "@/lib/errors/app-error";
import { AuditFilters } from "@/components/audit/audit-filters";
import { AuditPager } from "@/components/audit/audit-pager";
import { AuditTable } from "@/components/audit/audit-table";
import { buttonClass } from "@/components/ui/button-class";
import { Alert } from "@/components/ui/alert";

export const metadata: Metadata = { title: "Audit log" };

type SearchParams = Record<string, string | string[] | undefined>;

function param(searchParams: SearchParams, name: string): string | undefined {
  const value = searchParams[name];
  return (Array.isArray(value) ? value[0] : value) || undefined;
}

function href(basePath: string, query: Record<string, string | undefined>): string {
  const search = new URLSearchParams(Object.entries(query).filter((e): e is [string, string] => Boolean(e[1])));
  return search.size ? `${basePath}?${search}` : basePath;
}

export default async function AuditLogPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<SearchParams>;
}) {
  const { slug } = await params;
  const context = await workspacePage(slug);
  if (!can(context.membership.role, "audit.read")) {
    return <p className="text-sm text-slate-600">You don&apos;t have access to the audit log of this workspace.</p>;
  }
  const query = await searchParams;
  const filters = {
    member: param(query, "member"),
    action: param(query, "action"),
    environment: param(query, "environment"),
    before: param(query, "before"),
  };
  // The log is workspace-wide; the page keeps the environment the console is in for its links.
  const current = environmentParam(query);
  const keep: Record<string, string> = current === DEFAULT_ENVIRONMENT ? {} : { [ENVIRONMENT_PARAM]: current };
  const basePath = `/w/${slug}/audit`;
  const chosen = { member: filters.member, action: filters.action, environment: filters.environment };

  let page: AuditPage | null = null;
  let invalid: AppError | null = null;
  try {
    page = await listAuditEvents(context, filters);
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== "INVALID_INPUT") throw error;
    invalid = error;
  }
  const options = await listAuditFilterOptions(context);
  const filtered = Boolean(filters.member || filters.action || filters.environment);

  return (
    <section aria-labelledby="audit-heading" className="flex flex-col gap-4">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h2 id="audit-heading" className="text-base font-semibold">
            Audit log
          </h2>
          <p className="mt-1 text-sm text-slate-600">
            Every change made in this workspace and every refused attempt, newest first.
          </p>
        </div>
        <a
          href={href(`/api/w/${slug}/audit/export`, chosen)}
          className={buttonClass({ variant: "secondary", size: "sm" })}
          download
        >
          Download CSV
        </a>
      </div>
      <AuditFilters
        basePath={basePath}
        options={options}
        member={filters.member}
        action={filters.action}
        environment={filters.environment}
        keep={keep}
        errors={invalid?.fieldErrors}
      />
      {invalid ? (
        <Alert>
          {invalid.fieldErrors?.before?.[0] ?? invalid.userMessage}{" "}
          <Link href={basePath} className="font-medium underline">
            Show the latest events
          </Link>
        </Alert>
      ) : null}
      {page && page.events.length === 0 ? (
        <p className="rounded-xl border border-dashed border-slate-300 bg-white p-6 text-center text-sm text-slate-600">
          {filtered ? "No events match these filters." : "Nothing has been recorded in this workspace yet."}
        </p>
      ) : null}
      {page && page.events.length > 0 ? (
        <>
          <AuditTable events={page.events} />
          <AuditPager
            newestHref={filters.before ? href(basePath, { ...keep, ...chosen }) : null}
            olderHref={page.nextCursor ? href(basePath, { ...keep, ...chosen, before: page.nextCursor }) : null}
          />
        </>
      ) : null}
    </section>
  );
}
