import Link from "next/link";
import { notFound } from "next/navigation";
import { platformMetadata, platformPage } from "@/lib/auth/platform-page";
import { ROLE_LABELS } from "@/lib/authz/permissions";
import { AppError } from "@/lib/errors/app-error";
import { userDetail, type UserDetail } from "@/lib/platform/user-detail";
import { UserAccessControls } from "@/components/admin/user-access-controls";
import { UserStatus } from "@/components/admin/user-table";
import { SectionCard } from "@/components/ui/card";
import { DateTime } from "@/components/ui/date-time";
import { Email } from "@/components/ui/email";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, TableHead, Td, Th } from "@/components/ui/table";
import { disableUserAction, enableUserAction } from "../actions";

export const generateMetadata = platformMetadata("User · Operator console");

async function load(id: string): Promise<UserDetail> {
  try {
    return await userDetail(id);
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    throw error;
  }
}

export default async function AdminUserPage({ params }: { params: Promise<{ id: string }> }) {
  const { actor } = await platformPage("platform.read");
  const user = await load((await params).id);
  const who = user.email ?? user.name ?? user.id;
  return (
    <div className="flex flex-col gap-6">
      <Link href="/admin/users" className="text-brand-700 text-sm hover:underline">
        ← Users
      </Link>
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="flex min-w-0 flex-col gap-1">
          <h1 className="text-2xl font-semibold break-words">{user.name ?? who}</h1>
          {user.email ? <Email address={user.email} className="text-slate-600" /> : null}
          <UserStatus disabledAt={user.disabledAt} admin={user.admin} />
        </div>
        <UserAccessControls
          userId={user.id}
          who={who}
          disabled={user.disabledAt !== null}
          self={user.id === actor.userId}
          disableAction={disableUserAction}
          enableAction={enableUserAction}
        />
      </div>
      <dl className="grid grid-cols-2 gap-4 text-sm sm:grid-cols-4">
        <div>
          <dt className="text-slate-500">Signed up</dt>
          <dd>
            <DateTime at={user.createdAt} />
          </dd>
        </div>
        <div>
          <dt className="text-slate-500">Disabled since</dt>
          <dd>{user.disabledAt ? <DateTime at={user.disabledAt} /> : "—"}</dd>
        </div>
        <div>
          <dt className="text-slate-500">Open sessions</dt>
          <dd className="tabular-nums">{user.sessions}</dd>
        </div>
        <div>
          <dt className="text-slate-500">Live kubeconfigs</dt>
          <dd className="tabular-nums">{user.liveKubeconfigs}</dd>
        </div>
      </dl>
      <p className="text-sm">
        <Link href={`/admin/audit?target=${user.id}`} className="text-brand-700 hover:underline">
          Audit events about this user
        </Link>
      </p>
      <SectionCard id="user-workspaces" title="Workspaces">
        {user.workspaces.length === 0 ? (
          <EmptyState>Not a member of any workspace.</EmptyState>
        ) : (
          <Table caption="The user's workspaces" frame="plain">
            <TableHead>
              <tr>
                <Th>Workspace</Th>
                <Th>Kind</Th>
                <Th>Role</Th>
              </tr>
            </TableHead>
            <tbody>
              {user.workspaces.map((w) => (
                <tr key={w.id} className="border-b border-slate-100 last:border-0">
                  <Td>
                    <span className="font-medium">{w.displayName}</span>{" "}
                    <code className="rounded bg-slate-100 px-1 text-xs">{w.slug}</code>
                  </Td>
                  <Td>{w.kind === "PERSONAL" ? "Personal" : "Team"}</Td>
                  <Td>{ROLE_LABELS[w.role]}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </SectionCard>
    </div>
  );
}
