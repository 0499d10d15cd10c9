import Link from "next/link";
import { platformMetadata, platformPage } from "@/lib/auth/platform-page";
import { AppError } from "@/lib/errors/app-error";
import {
  listPlatformAudit,
  listPlatformAuditFilterOptions,
  parsePlatformAuditFilters,
  type PlatformAuditFilters,
  type PlatformAuditPage,
} from "@/lib/platform/list-platform-audit";
import { PlatformAuditFiltersForm } from "@/components/admin/platform-audit-filters";
import { AuditPager } from "@/components/audit/audit-pager";
import { AuditTable } from "@/components/audit/audit-table";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button-class";
import { EmptyState } from "@/components/ui/empty-state";

export const generateMetadata = platformMetadata("Audit log · Operator console");

type SearchParams = Record<string, string | string[] | undefined>;

function first(value: string | string[] | undefined): string | undefined {
  return (Array.isArray(value) ? value[0] : value) || undefined;
}

function href(query: Record<string, string | undefined>): string {
  const search = new URLSearchParams(Object.entries(query).filter((e): e is [string, string] => Boolean(e[1])));
  return search.size ? `/admin/audit?${search}` : "/admin/audit";
}

export default async function PlatformAuditPageView({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await platformPage("platform.read");
  const raw = await searchParams;
  const asked = {
    actor: first(raw.actor),
    action: first(raw.action),
    outcome: first(raw.outcome),
    target: first(raw.target),
    before: first(raw.before),
  };
  let filters: PlatformAuditFilters | null = null;
  let invalid: AppError | null = null;
  try {
    filters = parsePlatformAuditFilters(asked);
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== "INVALID_INPUT") throw error;
    invalid = error;
  }
  const [page, options]: [PlatformAuditPage | null, Awaited<ReturnType<typeof listPlatformAuditFilterOptions>>] =
    await Promise.all([filters ? listPlatformAudit(filters) : null, listPlatformAuditFilterOptions()]);
  const kept = { actor: filters?.actor, action: filters?.action, outcome: filters?.outcome, target: filters?.target };
  const filtered = Object.values(kept).some(Boolean);
  return (
    <section aria-labelledby="platform-audit-heading" className="flex flex-col gap-4">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 id="platform-audit-heading" className="text-2xl font-semibold">
            Audit log
          </h1>
          <p className="text-sm text-slate-600">
            Every operator action and every refused attempt to reach the operator console, newest first.
          </p>
        </div>
        <a
          href={href(kept).replace("/admin/audit", "/api/admin/audit/export")}
          className={buttonClass({ variant: "secondary", size: "sm" })}
          download
        >
          Download CSV
        </a>
      </div>
      <PlatformAuditFiltersForm
        options={options}
        filters={filters ?? (asked as Partial<PlatformAuditFilters>)}
        errors={invalid?.fieldErrors}
      />
      {filters?.target ? (
        <p className="text-sm text-slate-600">
          Showing events about one target only.{" "}
          <Link href={href({ ...kept, target: undefined })} className="text-brand-700 hover:underline">
            Show all targets
          </Link>
        </p>
      ) : null}
      {invalid ? (
        <Alert>
          {Object.values(invalid.fieldErrors ?? {})
            .flat()
            .join(" ") || invalid.userMessage}{" "}
          <Link href="/admin/audit" className="font-medium underline">
            Show the latest events
          </Link>
        </Alert>
      ) : null}
      {page && page.events.length === 0 ? (
        <EmptyState align="center">
          {filtered ? "No events match these filters." : "No operator action has been recorded yet."}
        </EmptyState>
      ) : null}
      {page && page.events.length > 0 ? (
        <>
          <AuditTable events={page.events} />
          <AuditPager
            newestHref={filters?.before ? href(kept) : null}
            olderHref={page.nextCursor ? href({ ...kept, before: page.nextCursor }) : null}
          />
        </>
      ) : null}
    </section>
  );
}
