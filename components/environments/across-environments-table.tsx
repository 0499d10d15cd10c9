import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { Badge, StateBadge } from "@/components/ui/badge";
import type { BadgeState } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, TableHead, Td, Th } from "@/components/ui/table";

// A workspace-wide list (runtimes or volumes of every environment the member may see), one
// row per thing with its environment; each name links to its page in its own environment.

export interface AcrossRow {
  name: string;
  href: string;
  state: string;
  detail: string;
}

export interface AcrossSlice {
  environment: string;
  displayName: string;
  namespace: string;
  items: AcrossRow[];
  error?: string;
}

export function AcrossEnvironmentsTable({
  title,
  scope,
  noun,
  slices,
  states,
  detailLabel,
}: {
  title: string;
  /** The "This environment | All environments" switch. */
  scope: React.ReactNode;
  /** "runtimes", "volumes". */
  noun: string;
  slices: AcrossSlice[];
  states: Record<string, BadgeState>;
  detailLabel: string;
}) {
  const rows = slices.flatMap((slice) => slice.items.map((item) => ({ slice, item })));
  const failed = slices.filter((slice) => slice.error);
  return (
    <div className="flex flex-col gap-4">
      <h2 className="text-lg font-semibold">{title}</h2>
      {scope}
      {failed.map((slice) => (
        <Alert key={slice.environment} tone="warning" role="status">
          The {noun} of {slice.displayName} could not be read: {slice.error}
        </Alert>
      ))}
      {rows.length === 0 ? (
        <EmptyState title={`No ${noun} in any environment`}>
          Choose an environment above to create {noun} there.
        </EmptyState>
      ) : (
        <Table caption={`The ${noun} of every environment`}>
          <TableHead>
            <tr>
              <Th>Name</Th>
              <Th>Environment</Th>
              <Th>Status</Th>
              <Th>{detailLabel}</Th>
            </tr>
          </TableHead>
          <tbody className="divide-y divide-slate-100">
            {rows.map(({ slice, item }) => (
              <tr key={`${slice.environment}/${item.name}`} data-environment={slice.environment}>
                <Td className="font-mono break-all">
                  <Link href={item.href} className="text-brand-700 hover:underline">
                    {item.name}
                  </Link>
                </Td>
                <Td>
                  <span title={slice.namespace}>
                    <Badge tone="quiet" weight="normal">
                      {slice.displayName}
                    </Badge>
                  </span>
                </Td>
                <Td>
                  <StateBadge state={item.state} states={states} />
                </Td>
                <Td className="text-slate-600">{item.detail}</Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </div>
  );
}
