import type { Metadata } from "next";
import { platformPage } from "@/lib/auth/platform-page";
import { listQuotaQueue } from "@/lib/quotas/list-quota-queue";
import { DecidedQuotaRequests, PendingQuotaRequests } from "@/components/admin/quota-queue";
import { SectionCard } from "@/components/ui/card";
import { approveQuotaRequestAction, denyQuotaRequestAction } from "./actions";

export const metadata: Metadata = { title: "Quota requests · Operator console" };

export default async function QuotaRequestsPage() {
  const context = await platformPage("platform.read");
  const queue = await listQuotaQueue(context);
  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="text-2xl font-semibold">Quota requests</h1>
        <p className="text-sm text-slate-600">
          Workspace admins and owners ask for higher limits here. Requests up to {queue.autoApproveFactor}× the plan
          from a workspace with a positive balance are approved on their own; the rest wait for you. Approving applies
          the new limits on the cluster at once.
        </p>
      </div>
      <SectionCard id="pending-heading" title={`Waiting (${queue.pending.length})`}>
        <PendingQuotaRequests
          requests={queue.pending}
          approveAction={approveQuotaRequestAction}
          denyAction={denyQuotaRequestAction}
        />
      </SectionCard>
      <SectionCard id="decided-heading" title="Recently decided">
        <DecidedQuotaRequests requests={queue.decided} />
      </SectionCard>
    </div>
  );
}
