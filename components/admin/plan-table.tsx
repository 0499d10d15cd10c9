import Link from "next/link";
import type { PlanSummary } from "@/lib/plans/list-plans";
import { QUOTA_KEYS, formatQuotaAmount } from "@/lib/quotas/quota-keys";
import { Table, TableHead, Td, Th } from "@/components/ui/table";

// The plans, with the quota each gives a workspace and how many live workspaces use it.

export function PlanTable({ plans }: { plans: PlanSummary[] }) {
  return (
    <Table caption="Plans">
      <TableHead>
        <tr>
          <Th>Plan</Th>
          <Th>Quota</Th>
          <Th>Runtime classes</Th>
          <Th className="text-right">Workspaces</Th>
        </tr>
      </TableHead>
      <tbody>
        {plans.map((plan) => (
          <tr key={plan.id} className="border-b border-slate-100 last:border-0">
            <Td>
              <Link href={`/admin/plans/${plan.id}`} className="text-brand-700 font-medium hover:underline">
                {plan.name}
              </Link>{" "}
              <code className="rounded bg-slate-100 px-1 text-xs">{plan.id}</code>
            </Td>
            <Td className="text-slate-600">
              {QUOTA_KEYS.slice(0, 3)
                .map(({ key }) => formatQuotaAmount(key, plan.quota[key]))
                .join(" · ")}
            </Td>
            <Td>{plan.allowedRuntimeClasses.join(", ")}</Td>
            <Td className="text-right tabular-nums">{plan.workspaces}</Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
