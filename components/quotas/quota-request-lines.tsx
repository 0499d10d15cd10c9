import { formatQuotaAmount, quotaKeySpec } from "@/lib/quotas/quota-keys";
import type { QuotaKey } from "@/lib/quotas/quota-keys";
import type { QuotaRequestLineView } from "@/lib/quotas/list-quota-requests";

// The quota keys of one request as a small definition list: what was asked, and (once
// approved) what was granted when it differs. Shared by the workspace's page and the queue.

export function QuotaRequestLines({
  lines,
  current,
}: {
  lines: QuotaRequestLineView[];
  /** The workspace's limits now, shown beside each ask (the operator's queue). */
  current?: Record<QuotaKey, number>;
}) {
  return (
    <dl className="grid gap-x-6 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]">
      {lines.map((line) => (
        <div key={line.key} className="contents">
          <dt className="font-medium text-slate-700">{quotaKeySpec(line.key).label}</dt>
          <dd className="text-slate-900 tabular-nums">
            {line.granted !== null && line.granted !== line.requested ? (
              <>
                {formatQuotaAmount(line.key, line.granted)} granted{" "}
                <span className="text-slate-500">(asked {formatQuotaAmount(line.key, line.requested)})</span>
              </>
            ) : (
              formatQuotaAmount(line.key, line.requested)
            )}
            {current ? (
              <span className="text-slate-500"> · now {formatQuotaAmount(line.key, current[line.key])}</span>
            ) : null}
          </dd>
        </div>
      ))}
    </dl>
  );
}
