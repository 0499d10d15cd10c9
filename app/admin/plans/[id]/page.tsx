import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { platformPage } from "@/lib/auth/platform-page";
import { microsToDecimal } from "@/lib/billing/parse-money";
import { AppError } from "@/lib/errors/app-error";
import { planDetail, type PlanDetail } from "@/lib/plans/list-plans";
import { QUOTA_KEYS, inputValue } from "@/lib/quotas/quota-keys";
import { PlanForm } from "@/components/admin/plan-form";
import { PriceHistory } from "@/components/admin/price-history";
import { PriceScheduleForm } from "@/components/admin/price-schedule-form";
import { SectionCard } from "@/components/ui/card";
import { previewPlanAction, schedulePriceAction, updatePlanAction } from "../actions";

export const metadata: Metadata = { title: "Plan · Operator console" };

async function load(id: string): Promise<PlanDetail> {
  try {
    return await planDetail(id);
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    throw error;
  }
}

function formValues({ plan }: PlanDetail): Record<string, string> {
  return {
    planId: plan.id,
    name: plan.name,
    description: plan.description,
    ...Object.fromEntries(QUOTA_KEYS.map(({ key, field }) => [key, inputValue(key, plan[field])])),
    allowedRuntimeClasses: plan.allowedRuntimeClasses.join(", "),
    defaultRuntimeClass: plan.defaultRuntimeClass,
    allowedStorageClasses: plan.allowedStorageClasses.join(", "),
    teamWorkspaceLimit: plan.teamWorkspaceLimit === null ? "" : String(plan.teamWorkspaceLimit),
    signupCredit: plan.signupCreditMicros === null ? "" : microsToDecimal(plan.signupCreditMicros),
  };
}

export default async function AdminPlanPage({ params }: { params: Promise<{ id: string }> }) {
  await platformPage("platform.read");
  const detail = await load((await params).id);
  const { plan, workspaces } = detail;
  return (
    <div className="flex flex-col gap-6">
      <Link href="/admin/plans" className="text-brand-700 text-sm hover:underline">
        ← Plans
      </Link>
      <div>
        <h1 className="text-2xl font-semibold break-words">{plan.name}</h1>
        <p className="text-sm text-slate-600">
          <code className="rounded bg-slate-100 px-1 text-xs">{plan.id}</code> · {workspaces} workspace
          {workspaces === 1 ? "" : "s"} ·{" "}
          <Link href={`/admin/audit?target=${plan.id}`} className="text-brand-700 hover:underline">
            audit events
          </Link>
        </p>
      </div>
      <SectionCard id="plan-form" title="Quota, classes and limits">
        <PlanForm
          key={plan.updatedAt.toISOString()}
          mode="edit"
          initial={formValues(detail)}
          saveAction={updatePlanAction}
          previewAction={previewPlanAction}
        />
      </SectionCard>
      <SectionCard id="plan-prices" title="Prices">
        <div className="flex flex-col gap-6">
          <PriceScheduleForm planId={plan.id} action={schedulePriceAction} />
          <PriceHistory prices={detail.prices} />
        </div>
      </SectionCard>
    </div>
  );
}
