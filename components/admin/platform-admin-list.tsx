"use client";

import type { PlatformAdminRow } from "@/lib/platform/platform-admins";
import { ConfirmAction } from "@/components/forms/confirm-action";
import type { FormAction } from "@/components/forms/use-form-action";
import { Badge } from "@/components/ui/badge";
import { DateTime } from "@/components/ui/date-time";
import { Email } from "@/components/ui/email";
import { Table, TableHead, Td, Th } from "@/components/ui/table";
import { useToast } from "@/components/ui/toast";

export function PlatformAdminList({
  admins,
  selfId,
  revokeAction,
}: {
  admins: PlatformAdminRow[];
  selfId: string;
  revokeAction: FormAction;
}) {
  const toast = useToast();
  const active = admins.filter((a) => !a.disabled).length;
  return (
    <Table caption="Platform administrators">
      <TableHead>
        <tr>
          <Th>Administrator</Th>
          <Th>Since</Th>
          <Th>How</Th>
          <Th>
            <span className="sr-only">Actions</span>
          </Th>
        </tr>
      </TableHead>
      <tbody>
        {admins.map((admin) => {
          const last = !admin.disabled && active <= 1;
          const who = admin.email ?? admin.name ?? admin.userId;
          return (
            <tr key={admin.userId} className="border-b border-slate-100 last:border-0">
              <Td>
                <div className="flex flex-wrap items-center gap-2">
                  <span className="font-medium">{admin.name ?? "—"}</span>
                  {admin.userId === selfId ? <Badge tone="info">you</Badge> : null}
                  {admin.disabled ? <Badge tone="danger">disabled</Badge> : null}
                </div>
                {admin.email ? <Email address={admin.email} className="text-slate-600" /> : null}
              </Td>
              <Td>
                <DateTime at={admin.grantedAt} />
              </Td>
              <Td>{admin.source === "CONFIG" ? "Configuration" : "Granted in the console"}</Td>
              <Td className="text-right">
                <ConfirmAction
                  action={revokeAction}
                  fields={{ userId: admin.userId }}
                  triggerLabel="Revoke"
                  triggerDisabled={last}
                  title={`Revoke ${who}'s administrator role?`}
                  description={
                    last
                      ? "The platform must keep at least one active administrator."
                      : "They keep their account and workspaces but can no longer open the operator console."
                  }
                  confirmLabel="Revoke"
                  pendingLabel="Revoking…"
                  onSuccess={() => toast({ message: `${who} is no longer an administrator.` })}
                />
              </Td>
            </tr>
          );
        })}
      </tbody>
    </Table>
  );
}
