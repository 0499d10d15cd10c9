import type { Metadata } from "next";
import Link from "next/link";
import { platformPage } from "@/lib/auth/platform-page";
import { PlanForm } from "@/components/admin/plan-form";
import { SectionCard } from "@/components/ui/card";
import { createPlanAction } from "../actions";

export const metadata: Metadata = { title: "New plan · Operator console" };

const BLANK = {
  planId: "",
  name: "",
  description: "",
  cpu: "2",
  memory: "4",
  storage: "20",
  pods: "20",
  volumes: "5",
  services: "10",
  allowedRuntimeClasses: "gvisor",
  defaultRuntimeClass: "",
  allowedStorageClasses: "standard",
  teamWorkspaceLimit: "",
  signupCredit: "",
};

export default async function NewPlanPage() {
  await platformPage("platform.plans.write");
  return (
    <div className="flex flex-col gap-4">
      <Link href="/admin/plans" className="text-brand-700 text-sm hover:underline">
        ← Plans
      </Link>
      <h1 className="text-2xl font-semibold">New plan</h1>
      <SectionCard id="plan-form" title="Plan">
        <PlanForm mode="create" initial={BLANK} saveAction={createPlanAction} />
      </SectionCard>
    </div>
  );
}
