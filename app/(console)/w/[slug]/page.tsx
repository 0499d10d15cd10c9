import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { workspacePage } from "@/lib/auth/workspace-page";
import { environmentParam, workspaceHref } from "@/lib/environments/environment-param";
import type { WorkspaceContext } from "@/lib/authz/context";
import { can } from "@/lib/authz/permissions";
import { listAuditEvents } from "@/lib/audit/list-audit-events";
import { toAppError } from "@/lib/errors/app-error";
import { logger } from "@/lib/observability/logger";
import { getQuotaUsage, type QuotaUsage } from "@/lib/workspaces/get-quota-usage";
import { getWorkspaceOverview } from "@/lib/workspaces/get-workspace-overview";
import { RecentActivity } from "@/components/audit/recent-activity";
import { SectionCard } from "@/components/ui/card";
import { QuotaMeterList } from "@/components/workspace/quota-meter";
import { ReconcileButton } from "@/components/workspace/reconcile-button";
import { reconcileWorkspaceAction } from "./actions";
import { StateBadge } from "@/components/ui/badge";
import { WORKSPACE_STATES } from "@/components/ui/states";
import { Alert } from "@/components/ui/alert";

export const metadata: Metadata = { title: "Overview" };

const STATUS_TEXT: Record<string, string> = {
  PROVISIONING: "Canopy is setting up the namespace. This usually takes a few seconds.",
  READY: "The namespace is set up and enforced.",
  DELETING: "This workspace is being deleted.",
  DELETED: "This workspace has been deleted.",
};

// Reads the cluster, so it streams in on its own; an unreachable cluster is a message, not an error page.
async function QuotaUsageList({ context }: { context: WorkspaceContext }) {
  let usage: QuotaUsage[];
  try {
    usage = await getQuotaUsage(context);
  } catch (error) {
    const appError = toAppError(error);
    if (appError.code === "INTERNAL")
      logger.error({ err: error, workspaceId: context.workspace.id }, "overview: reading quota usage failed");
    const provisioning = context.workspace.status === "PROVISIONING";
    return (
      <Alert tone="warning" role="status">
        {provisioning
          ? "Quota usage appears once the workspace is set up."
          : "Quota usage is unavailable right now because the cluster cannot be reached. Everything else here still works; try again in a moment."}
      </Alert>
    );
  }
  return <QuotaMeterList usage={usage} />;
}

function QuotaSkeleton() {
  return (
    <div role="status" className="grid gap-5 sm:grid-cols-2">
      <span className="sr-only">Loading quota usage…</span>
      {[0, 1, 2, 3, 4, 5].map((i) => (
        <div key={i} aria-hidden="true" className="h-10 animate-pulse rounded bg-slate-100" />
      ))}
    </div>
  );
}

export default async function WorkspaceOverviewPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { slug } = await params;
  const environment = environmentParam(await searchParams);
  const context = await workspacePage(slug, environment);
  const role = context.membership.role;
  const showActivity = can(role, "audit.read");
  const [overview, activity] = await Promise.all([
    getWorkspaceOverview(context),
    showActivity ? listAuditEvents(context, { limit: 10 }) : null,
  ]);

  return (
    <div className="flex flex-col gap-6">
      <dl className="grid gap-4 sm:grid-cols-3">
        <div className="rounded-xl border border-slate-200 bg-white p-4">
          <dt className="text-xs font-medium text-slate-500 uppercase">Status</dt>
          <dd className="mt-2 flex flex-col items-start gap-1 text-sm text-slate-600">
            <StateBadge state={overview.status} states={WORKSPACE_STATES} />
            <span>{STATUS_TEXT[overview.status]}</span>
          </dd>
        </div>
        <div className="rounded-xl border border-slate-200 bg-white p-4">
          <dt className="text-xs font-medium text-slate-500 uppercase">Plan</dt>
          <dd className="mt-2 text-sm">
            <span className="block font-semibold text-slate-900">{overview.plan.name}</span>
            {overview.plan.description ? (
              <span className="block text-slate-600">{overview.plan.description}</span>
            ) : null}
          </dd>
        </div>
        <div className="rounded-xl border border-slate-200 bg-white p-4">
          <dt className="text-xs font-medium text-slate-500 uppercase">Members</dt>
          <dd className="mt-2 text-sm">
            <Link
              href={workspaceHref(slug, `/members`, environment)}
              className="text-brand-700 font-semibold hover:underline"
            >
              {overview.memberCount} {overview.memberCount === 1 ? "member" : "members"}
            </Link>
          </dd>
        </div>
      </dl>

      <SectionCard id="quota-heading" title="Quota">
        <div className="-mt-2 flex flex-col gap-1 text-sm text-slate-600 sm:flex-row sm:items-baseline sm:justify-between">
          <p>What this workspace&apos;s workloads request, against its limits on the {overview.plan.name} plan.</p>
          <Link
            href={workspaceHref(slug, `/quota`, environment)}
            className="text-brand-700 shrink-0 font-medium hover:underline"
          >
            {can(role, "quota.request") ? "Request more quota" : "Quota requests"}
          </Link>
        </div>
        <Suspense fallback={<QuotaSkeleton />}>
          <QuotaUsageList context={context} />
        </Suspense>
      </SectionCard>

      {activity ? (
        <SectionCard id="activity-heading" title="Recent activity">
          <RecentActivity events={activity.events} auditHref={workspaceHref(slug, `/audit`, environment)} />
        </SectionCard>
      ) : null}

      {can(role, "workspace.reconcile") && overview.status !== "DELETING" ? (
        <SectionCard id="cluster-heading" title="Cluster configuration">
          <div className="flex flex-col gap-4 sm:flex-row sm:items-start sm:justify-between">
            <p className="text-sm text-slate-600 sm:max-w-xl">
              Canopy keeps this workspace&apos;s namespace, quota, network policies and access bindings in line with its
              settings, and puts back anything changed on the cluster within a minute. Re-apply now if something looks
              wrong.
            </p>
            <ReconcileButton action={reconcileWorkspaceAction.bind(null, slug)} />
          </div>
        </SectionCard>
      ) : null}
    </div>
  );
}
