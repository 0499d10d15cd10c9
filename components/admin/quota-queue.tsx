import { formatMoney } from "@/lib/billing/money";
import type { QueuedQuotaRequest } from "@/lib/quotas/list-quota-queue";
import { QuotaDecisionForms } from "@/components/admin/quota-decision-forms";
import type { FormAction } from "@/components/forms/use-form-action";
import { QuotaRequestLines } from "@/components/quotas/quota-request-lines";
import { StateBadge } from "@/components/ui/badge";
import { DateTime } from "@/components/ui/date-time";
import { EmptyState } from "@/components/ui/empty-state";
import { QUOTA_REQUEST_STATES } from "@/components/ui/states";

// The operators' queue: each waiting request with what to weigh and the two answers; the
// latest decisions below.

type Decision = FormAction<{ state: "APPROVED" | "DENIED"; applied: boolean }>;

function RequestHeader({ request }: { request: QueuedQuotaRequest }) {
  return (
    <div className="flex flex-col gap-1">
      <div className="flex flex-wrap items-center gap-2">
        <h3 className="text-base font-semibold">{request.workspace.displayName}</h3>
        <StateBadge state={request.state} states={QUOTA_REQUEST_STATES} />
      </div>
      <p className="text-xs break-words text-slate-500">
        {request.workspace.slug} · {request.workspace.planName} plan · asked by{" "}
        {request.requestedBy ?? "a former member"}
        {request.requesterEmail && request.requesterEmail !== request.requestedBy
          ? ` (${request.requesterEmail})`
          : ""}{" "}
        · <DateTime at={request.createdAt} />
      </p>
    </div>
  );
}

export function PendingQuotaRequests({
  requests,
  approveAction,
  denyAction,
}: {
  requests: QueuedQuotaRequest[];
  approveAction: Decision;
  denyAction: Decision;
}) {
  if (requests.length === 0)
    return <EmptyState>No quota requests are waiting. Requests appear here as they come in.</EmptyState>;
  return (
    <ol className="flex flex-col gap-4" aria-label="Waiting requests">
      {requests.map((request) => (
        <li
          key={request.id}
          aria-label={`${request.workspace.displayName}'s request`}
          className="flex flex-col gap-3 rounded-xl border border-slate-200 bg-white p-4"
        >
          <RequestHeader request={request} />
          <QuotaRequestLines lines={request.lines} current={request.current} />
          <p className="text-sm text-slate-600">
            Balance <span className="font-medium text-slate-900">{formatMoney(BigInt(request.balanceMicros))}</span>
          </p>
          <blockquote className="border-l-2 border-slate-200 pl-3 text-sm break-words whitespace-pre-line text-slate-700">
            {request.justification}
          </blockquote>
          <QuotaDecisionForms
            requestId={request.id}
            workspaceName={request.workspace.displayName}
            lines={request.lines}
            approveAction={approveAction}
            denyAction={denyAction}
          />
        </li>
      ))}
    </ol>
  );
}

export function DecidedQuotaRequests({ requests }: { requests: QueuedQuotaRequest[] }) {
  if (requests.length === 0) return <EmptyState>No request has been decided yet.</EmptyState>;
  return (
    <ol className="flex flex-col gap-3" aria-label="Decided requests">
      {requests.map((request) => (
        <li key={request.id} className="flex flex-col gap-2 rounded-xl border border-slate-200 bg-white p-4">
          <RequestHeader request={request} />
          <QuotaRequestLines lines={request.lines} />
          <p className="text-sm text-slate-600">
            {request.state === "AUTO_APPROVED" ? "By the rule" : `By ${request.decidedBy ?? "a former administrator"}`}
            {request.decidedAt ? (
              <>
                , <DateTime at={request.decidedAt} />
              </>
            ) : null}
            {request.decisionReason ? <>: {request.decisionReason}</> : null}
          </p>
        </li>
      ))}
    </ol>
  );
}
