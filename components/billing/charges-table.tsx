import { Table, TableHead } from "@/components/ui/table";

// The one table of charges (statement lines, usage detail, this month's breakdown): each row is a
// runtime or volume and a resource, with its usage and amount, and a total in the footer.
// Plain markup with no hooks, so both server pages and the live client view can render it.

export type ChargeRow = {
  key: string;
  /** Shown in a leading column only when the table has a periodHeader. */
  period?: string;
  subjectKind: string;
  subject: string;
  resourceLabel: string;
  runtimeClass: string | null;
  usage: string;
  amount: string;
};

export function ChargesTable({
  caption,
  periodHeader,
  amountHeader,
  rows,
  total,
  rowPadding = "py-1.5",
}: {
  caption: React.ReactNode;
  periodHeader?: string;
  amountHeader: string;
  rows: ChargeRow[];
  total: string;
  rowPadding?: "py-1.5" | "py-2";
}) {
  const cell = `px-3 ${rowPadding}`;
  return (
    <Table caption={caption} frame="plain" className="min-w-full">
      <TableHead className="border-b-0">
        <tr>
          {periodHeader ? (
            <th scope="col" className="px-3 py-2 font-medium">
              {periodHeader}
            </th>
          ) : null}
          <th scope="col" className="px-3 py-2 font-medium">
            Runtime or volume
          </th>
          <th scope="col" className="px-3 py-2 font-medium">
            Resource
          </th>
          <th scope="col" className="px-3 py-2 font-medium">
            Usage
          </th>
          <th scope="col" className="px-3 py-2 text-right font-medium">
            {amountHeader}
          </th>
        </tr>
      </TableHead>
      <tbody className="divide-y divide-slate-100">
        {rows.map((row) => (
          <tr key={row.key}>
            {periodHeader ? <td className={`${cell} whitespace-nowrap`}>{row.period}</td> : null}
            <td className={cell}>
              {row.subjectKind === "VOLUME" ? <span className="text-slate-500">volume </span> : null}
              {row.subject}
            </td>
            <td className={cell}>
              {row.resourceLabel}
              {row.runtimeClass ? <span className="text-slate-500"> · {row.runtimeClass}</span> : null}
            </td>
            <td className={`${cell} text-slate-600`}>{row.usage}</td>
            <td className={`${cell} text-right tabular-nums`}>{row.amount}</td>
          </tr>
        ))}
      </tbody>
      <tfoot className="border-t border-slate-200 font-medium">
        <tr>
          <th scope="row" colSpan={periodHeader ? 4 : 3} className="px-3 py-2 text-left">
            Total
          </th>
          <td className="px-3 py-2 text-right tabular-nums">{total}</td>
        </tr>
      </tfoot>
    </Table>
  );
}
