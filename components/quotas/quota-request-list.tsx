import type { QuotaRequestView } from "@/lib/quotas/list-quota-requests";
import { QuotaRequestLines } from "@/components/quotas/quota-request-lines";
import { StateBadge } from "@/components/ui/badge";
import { DateTime } from "@/components/ui/date-time";
import { EmptyState } from "@/components/ui/empty-state";
import { QUOTA_REQUEST_STATES } from "@/components/ui/states";

// A workspace's quota-increase requests, newest first: state, amounts, who asked and why,
// and the decision's reason.

export function QuotaRequestList({ requests }: { requests: QuotaRequestView[] }) {
  if (requests.length === 0) {
    return <EmptyState>No quota increases have been requested for this workspace yet.</EmptyState>;
  }
  return (
    <ol className="flex flex-col gap-3" aria-label="Quota requests">
      {requests.map((request) => (
        <li
          key={request.id}
          id={`request-${request.id}`}
          aria-label={`Request of ${request.createdAt.toISOString().slice(0, 10)}`}
          className="flex flex-col gap-3 rounded-xl border border-slate-200 bg-white p-4"
        >
          <div className="flex flex-wrap items-center justify-between gap-2">
            <StateBadge state={request.state} states={QUOTA_REQUEST_STATES} />
            <span className="text-xs text-slate-500">
              Asked by {request.requestedBy ?? "a former member"} · <DateTime at={request.createdAt} />
            </span>
          </div>
          <QuotaRequestLines lines={request.lines} />
          <p className="text-sm break-words whitespace-pre-line text-slate-700">{request.justification}</p>
          {request.decidedAt ? (
            <p className="text-sm text-slate-600">
              Decided <DateTime at={request.decidedAt} />
              {request.decisionReason ? <>: {request.decisionReason}</> : null}
            </p>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
