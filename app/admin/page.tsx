import Link from "next/link";
import { platformMetadata, platformPage } from "@/lib/auth/platform-page";
import { formatMoney } from "@/lib/billing/money";
import { listPlatformAudit } from "@/lib/platform/list-platform-audit";
import { platformOverview } from "@/lib/platform/platform-overview";
import { CapacityPanel } from "@/components/admin/capacity-panel";
import { StatTile } from "@/components/admin/stat-tile";
import { AuditTable } from "@/components/audit/audit-table";
import { Alert } from "@/components/ui/alert";
import { DateTime } from "@/components/ui/date-time";
import { EmptyState } from "@/components/ui/empty-state";

export const generateMetadata = platformMetadata("Operator console");

const RECENT_EVENTS = 8;

export default async function AdminOverviewPage() {
  await platformPage("platform.read");
  const [overview, recent] = await Promise.all([platformOverview(), listPlatformAudit({})]);
  const { workspaces, users, monthToDate, cluster } = overview;
  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="text-2xl font-semibold">Overview</h1>
        <p className="text-sm text-slate-600">The whole platform at a glance.</p>
      </div>
      <div role="group" aria-label="The platform at a glance" className="grid grid-cols-2 gap-3 lg:grid-cols-4">
        <StatTile
          label="Workspaces"
          value={workspaces.total}
          detail={`${workspaces.team} team · ${workspaces.personal} personal · ${workspaces.suspended} suspended, ${workspaces.onHold} on hold`}
        />
        <StatTile
          label="Users"
          value={users.total}
          detail={`${users.disabled} disabled · ${users.admins} administrator${users.admins === 1 ? "" : "s"}`}
          href="/admin/users"
        />
        <StatTile
          label="Running runtimes"
          value={cluster.ok ? cluster.capacity.runtimes.running : "—"}
          detail={cluster.ok ? `of ${cluster.capacity.runtimes.total} runtimes` : "cluster unavailable"}
        />
        <StatTile
          label="Cost accrued this month"
          value={formatMoney(monthToDate.costMicros)}
          detail={
            <>
              rated since <DateTime at={monthToDate.since} />
            </>
          }
        />
      </div>
      {cluster.ok ? (
        <CapacityPanel capacity={cluster.capacity} />
      ) : (
        <Alert>Cluster capacity could not be read: {cluster.message}</Alert>
      )}
      <section aria-labelledby="recent-heading" className="flex flex-col gap-3">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h2 id="recent-heading" className="text-base font-semibold">
            Recent platform events
          </h2>
          <Link href="/admin/audit" className="text-brand-700 text-sm hover:underline">
            The whole audit log
          </Link>
        </div>
        {recent.events.length === 0 ? (
          <EmptyState>No operator action has been recorded yet.</EmptyState>
        ) : (
          <AuditTable events={recent.events.slice(0, RECENT_EVENTS)} />
        )}
      </section>
    </div>
  );
}
