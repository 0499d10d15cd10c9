import { Table, TableHead, Td, Th } from "@/components/ui/table";

// A month's cost split by environment (lib/billing/costs-by-environment.ts): one row per
// environment with its namespace, and the sum. Plain markup, rendered by the server page.

export interface EnvironmentCostRow {
  key: string;
  displayName: string;
  namespace: string;
  amount: string;
}

export function EnvironmentCosts({
  caption,
  rows,
  total,
  note,
}: {
  caption: string;
  rows: EnvironmentCostRow[];
  total: string;
  note: React.ReactNode;
}) {
  return (
    <section aria-labelledby="environment-costs" className="flex flex-col gap-2">
      <h3 id="environment-costs" className="text-base font-semibold">
        Cost by environment
      </h3>
      <Table caption={caption}>
        <TableHead>
          <tr>
            <Th>Environment</Th>
            <Th>Namespace</Th>
            <Th className="text-right">Cost</Th>
          </tr>
        </TableHead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((row) => (
            <tr key={row.key}>
              <Td className="font-medium">{row.displayName}</Td>
              <Td>
                <code className="text-xs break-all">{row.namespace}</code>
              </Td>
              <Td className="text-right tabular-nums">{row.amount}</Td>
            </tr>
          ))}
        </tbody>
        <tfoot className="border-t border-slate-200 font-medium">
          <tr>
            <Td colSpan={2}>Total</Td>
            <Td className="text-right tabular-nums">{total}</Td>
          </tr>
        </tfoot>
      </Table>
      <p className="text-xs text-slate-500">{note}</p>
    </section>
  );
}
