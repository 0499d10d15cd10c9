import Link from "next/link";
import type { UserRow } from "@/lib/platform/list-users";
import { Badge } from "@/components/ui/badge";
import { DateTime } from "@/components/ui/date-time";
import { Email } from "@/components/ui/email";
import { Table, TableHead, Td, Th } from "@/components/ui/table";

export function UserStatus({ disabledAt, admin }: { disabledAt: Date | null; admin: boolean }) {
  return (
    <span className="flex flex-wrap gap-1">
      {disabledAt ? <Badge tone="danger">Disabled</Badge> : <Badge tone="success">Active</Badge>}
      {admin ? <Badge tone="info">Administrator</Badge> : null}
    </span>
  );
}

export function UserTable({ users }: { users: UserRow[] }) {
  return (
    <Table caption="Users, newest first">
      <TableHead>
        <tr>
          <Th>User</Th>
          <Th>Status</Th>
          <Th className="text-right">Workspaces</Th>
          <Th>Signed up</Th>
        </tr>
      </TableHead>
      <tbody>
        {users.map((user) => (
          <tr key={user.id} className="border-b border-slate-100 last:border-0">
            <Td>
              <Link href={`/admin/users/${user.id}`} className="text-brand-700 font-medium hover:underline">
                {user.name ?? user.email ?? user.id}
              </Link>
              {user.email ? <Email address={user.email} className="block text-slate-600" /> : null}
            </Td>
            <Td>
              <UserStatus disabledAt={user.disabledAt} admin={user.admin} />
            </Td>
            <Td className="text-right tabular-nums">{user.workspaces}</Td>
            <Td className="whitespace-nowrap">
              <DateTime at={user.createdAt} />
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
