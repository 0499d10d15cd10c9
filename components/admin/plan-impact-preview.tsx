import type { PlanImpact } from "@/lib/plans/plan-impact";
import { formatQuotaAmount, quotaKeySpec } from "@/lib/quotas/quota-keys";

// What saving a plan change would do, as the server read it: how many workspaces the change
// reaches, and which would be over their new quota (the change is refused while any is).

export function PlanImpactPreview({ impact }: { impact: PlanImpact }) {
  const count = `${impact.workspaces} workspace${impact.workspaces === 1 ? "" : "s"}`;
  return (
    <section
      aria-label="Workspaces this change affects"
      aria-live="polite"
      className="flex flex-col gap-2 rounded-md border border-slate-200 bg-slate-50 p-4 text-sm"
    >
      <p className="font-medium">
        {impact.workspaces === 0
          ? "No workspace is on this plan: the change affects none."
          : `This change applies to ${count} on this plan; saving re-applies their quota at once.`}
      </p>
      {impact.overQuota.length === 0 ? (
        impact.workspaces > 0 ? (
          <p className="text-slate-600">None of them uses more than the new quota.</p>
        ) : null
      ) : (
        <div role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-red-800">
          <p>
            {impact.overQuota.length} workspace{impact.overQuota.length === 1 ? " uses" : "s use"} more than the new
            quota would allow. The change cannot be saved until they use less, or get an override:
          </p>
          <ul className="mt-2 list-disc pl-5">
            {impact.overQuota.map((w) => (
              <li key={w.id}>
                <span className="font-medium">{w.displayName}</span> <code className="text-xs">{w.slug}</code>:{" "}
                {w.over
                  .map(
                    (o) =>
                      `${quotaKeySpec(o.key).label} uses ${formatQuotaAmount(o.key, o.used)}, new limit ${formatQuotaAmount(o.key, o.limit)}`,
                  )
                  .join("; ")}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
