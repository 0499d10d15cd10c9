import { formatQuotaAmount, quotaKeySpec, type QuotaKey } from "@/lib/quotas/quota-keys";
import { Table, TableHead, Td, Th } from "@/components/ui/table";
import { UsageBar } from "@/components/ui/usage-bar";

// Each quota key: the plan's limit, the workspace's override, the limit in force and what is used.
export function WorkspaceQuotaTable({
  quota,
}: {
  quota: { key: QuotaKey; plan: number; override: number | null; effective: number; used: number | null }[];
}) {
  return (
    <Table caption="Quota: plan, override, in force and used" frame="plain">
      <TableHead>
        <tr>
          <Th>Resource</Th>
          <Th className="text-right">Plan</Th>
          <Th className="text-right">Override</Th>
          <Th>Used of limit in force</Th>
        </tr>
      </TableHead>
      <tbody>
        {quota.map((q) => {
          const label = quotaKeySpec(q.key).label;
          return (
            <tr key={q.key} className="border-b border-slate-100 last:border-0">
              <Td>{label}</Td>
              <Td className="text-right tabular-nums">{formatQuotaAmount(q.key, q.plan)}</Td>
              <Td className="text-right tabular-nums">
                {q.override === null ? "—" : formatQuotaAmount(q.key, q.override)}
              </Td>
              <Td className="min-w-48">
                {q.used === null ? (
                  `— of ${formatQuotaAmount(q.key, q.effective)}`
                ) : (
                  <UsageBar label={label} used={q.used} hard={q.effective}>
                    {formatQuotaAmount(q.key, q.used)} of {formatQuotaAmount(q.key, q.effective)}
                  </UsageBar>
                )}
              </Td>
            </tr>
          );
        })}
      </tbody>
    </Table>
  );
}
