import type { Metadata } from "next";
import Link from "next/link";
import { platformPage } from "@/lib/auth/platform-page";
import { listPlans } from "@/lib/plans/list-plans";
import { PlanTable } from "@/components/admin/plan-table";
import { buttonClass } from "@/components/ui/button-class";
import { EmptyState } from "@/components/ui/empty-state";

export const metadata: Metadata = { title: "Plans · Operator console" };

export default async function AdminPlansPage() {
  await platformPage("platform.read");
  const plans = await listPlans();
  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">Plans</h1>
          <p className="text-sm text-slate-600">
            What each workspace may use and what it pays. Open a plan to change its quota or schedule a price.
          </p>
        </div>
        <Link href="/admin/plans/new" className={buttonClass()}>
          New plan
        </Link>
      </div>
      {plans.length === 0 ? <EmptyState>No plans yet.</EmptyState> : <PlanTable plans={plans} />}
    </div>
  );
}
