import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { platformPage } from "@/lib/auth/platform-page";
import { ROLE_LABELS } from "@/lib/authz/permissions";
import { formatMoney } from "@/lib/billing/money";
import { AppError } from "@/lib/errors/app-error";
import { workspaceAdminDetail, type WorkspaceAdminDetail } from "@/lib/platform/workspace-admin-detail";
import { WorkspaceCreditForm } from "@/components/admin/workspace-credit-form";
import { WorkspaceOperatorActions } from "@/components/admin/workspace-operator-actions";
import { WorkspaceOverrideForm } from "@/components/admin/workspace-override-form";
import { WorkspaceQuotaTable } from "@/components/admin/workspace-quota-table";
import { WorkspaceStates } from "@/components/admin/workspace-table";
import { Alert } from "@/components/ui/alert";
import { SectionCard } from "@/components/ui/card";
import { DateTime } from "@/components/ui/date-time";
import { Email } from "@/components/ui/email";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, TableHead, Td, Th } from "@/components/ui/table";
import {
  changePlanAction,
  clearQuotaOverrideAction,
  grantCreditAction,
  resumeWorkspaceAction,
  setQuotaOverrideAction,
  suspendWorkspaceAction,
} from "../actions";

export const metadata: Metadata = { title: "Workspace · Operator console" };

async function load(id: string): Promise<WorkspaceAdminDetail> {
  try {
    return await workspaceAdminDetail(id);
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    throw error;
  }
}

const monthLabel = (month: Date) => month.toLocaleDateString("en", { month: "long", year: "numeric", timeZone: "UTC" });

export default async function AdminWorkspacePage({ params }: { params: Promise<{ id: string }> }) {
  await platformPage("platform.read");
  const w = await load((await params).id);
  return (
    <div className="flex flex-col gap-6">
      <Link href="/admin/workspaces" className="text-brand-700 text-sm hover:underline">
        ← Workspaces
      </Link>
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="flex min-w-0 flex-col gap-1">
          <h1 className="text-2xl font-semibold break-words">{w.displayName}</h1>
          <code className="w-fit rounded bg-slate-100 px-1 text-sm">{w.slug}</code>
          <WorkspaceStates
            status={w.status}
            billingHold={w.billingHold?.reason ?? null}
            billingSuspended={Boolean(w.billingHold?.suspendedAt)}
            operatorSuspended={w.operatorSuspension !== null}
          />
        </div>
        <WorkspaceOperatorActions
          workspaceId={w.id}
          name={w.displayName}
          planId={w.plan.id}
          plans={w.plans}
          operatorSuspended={w.operatorSuspension !== null}
          changePlanAction={changePlanAction}
          suspendAction={suspendWorkspaceAction}
          resumeAction={resumeWorkspaceAction}
        />
      </div>
      {w.operatorSuspension ? (
        <Alert>
          Suspended by an operator since <DateTime at={w.operatorSuspension.since} />: {w.operatorSuspension.reason}
          {w.heldWorkloads ? ` (${w.heldWorkloads} workload${w.heldWorkloads === 1 ? "" : "s"} stopped)` : ""}
        </Alert>
      ) : null}
      {w.billingHold ? (
        <Alert>
          {w.billingHold.suspendedAt ? "Suspended by billing" : "On a billing hold (no new runtimes)"} since{" "}
          <DateTime at={w.billingHold.suspendedAt ?? w.billingHold.since} />:{" "}
          {w.billingHold.reason === "BALANCE" ? "no credit left." : "over its hard monthly budget."}
        </Alert>
      ) : null}
      <dl className="grid grid-cols-2 gap-4 text-sm sm:grid-cols-3 lg:grid-cols-6">
        <div>
          <dt className="text-slate-500">Plan</dt>
          <dd>{w.plan.name}</dd>
        </div>
        <div>
          <dt className="text-slate-500">Kind</dt>
          <dd>{w.kind === "PERSONAL" ? "Personal" : "Team"}</dd>
        </div>
        <div>
          <dt className="text-slate-500">Balance</dt>
          <dd className={`tabular-nums ${w.balance <= 0n ? "text-red-700" : ""}`} data-testid="balance">
            {formatMoney(w.balance)}
          </dd>
        </div>
        <div>
          <dt className="text-slate-500">This month</dt>
          <dd className="tabular-nums">{formatMoney(w.monthCost)}</dd>
        </div>
        <div>
          <dt className="text-slate-500">Created</dt>
          <dd>
            <DateTime at={w.createdAt} />
          </dd>
        </div>
        <div>
          <dt className="text-slate-500">Namespace</dt>
          <dd className="break-all">{w.namespace ?? "—"}</dd>
        </div>
      </dl>
      <p className="text-sm">
        <Link href={`/admin/audit?target=${w.id}`} className="text-brand-700 hover:underline">
          Platform audit events about this workspace
        </Link>
      </p>
      <SectionCard id="workspace-quota" title="Quota">
        <div className="flex flex-col gap-4">
          {w.usageError ? <Alert>Usage could not be read: {w.usageError}</Alert> : null}
          <WorkspaceQuotaTable quota={w.quota} />
          <h3 className="text-sm font-semibold">Override</h3>
          <WorkspaceOverrideForm
            workspaceId={w.id}
            quota={w.quota}
            hasOverride={w.hasOverride}
            setAction={setQuotaOverrideAction}
            clearAction={clearQuotaOverrideAction}
          />
        </div>
      </SectionCard>
      <SectionCard id="workspace-credit" title="Credit">
        <div className="flex flex-col gap-4">
          <WorkspaceCreditForm workspaceId={w.id} action={grantCreditAction} />
          {w.credits.length === 0 ? (
            <EmptyState>No credit entries yet.</EmptyState>
          ) : (
            <Table caption="Recent credit entries" frame="plain">
              <TableHead>
                <tr>
                  <Th>When</Th>
                  <Th className="text-right">Amount</Th>
                  <Th>Reason</Th>
                  <Th>By</Th>
                </tr>
              </TableHead>
              <tbody>
                {w.credits.map((c) => (
                  <tr key={c.id} className="border-b border-slate-100 last:border-0">
                    <Td className="whitespace-nowrap">
                      <DateTime at={c.createdAt} />
                    </Td>
                    <Td className="text-right tabular-nums">{formatMoney(c.amountMicros)}</Td>
                    <Td>{c.note || (c.kind === "SIGNUP" ? "Sign-up credit" : "—")}</Td>
                    <Td className="break-all">{c.grantedBy}</Td>
                  </tr>
                ))}
              </tbody>
            </Table>
          )}
        </div>
      </SectionCard>
      <SectionCard id="workspace-statements" title="Statements">
        {w.statements.length === 0 ? (
          <EmptyState>No statements issued yet.</EmptyState>
        ) : (
          <Table caption="Recent statements" frame="plain">
            <TableHead>
              <tr>
                <Th>Month</Th>
                <Th className="text-right">Total</Th>
                <Th>Issued</Th>
              </tr>
            </TableHead>
            <tbody>
              {w.statements.map((s) => (
                <tr key={s.id} className="border-b border-slate-100 last:border-0">
                  <Td>{monthLabel(s.month)}</Td>
                  <Td className="text-right tabular-nums">{formatMoney(s.totalMicros)}</Td>
                  <Td className="whitespace-nowrap">
                    <DateTime at={s.issuedAt} />
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </SectionCard>
      <SectionCard id="workspace-members" title="Members">
        <Table caption="The workspace's members" frame="plain">
          <TableHead>
            <tr>
              <Th>Member</Th>
              <Th>Role</Th>
            </tr>
          </TableHead>
          <tbody>
            {w.members.map((m) => (
              <tr key={m.userId} className="border-b border-slate-100 last:border-0">
                <Td>
                  <Link href={`/admin/users/${m.userId}`} className="text-brand-700 hover:underline">
                    {m.name ?? m.email ?? m.userId}
                  </Link>
                  {m.email ? <Email address={m.email} className="block text-slate-600" /> : null}
                  {m.disabled ? <span className="text-xs text-red-700">Disabled</span> : null}
                </Td>
                <Td>{ROLE_LABELS[m.role]}</Td>
              </tr>
            ))}
          </tbody>
        </Table>
      </SectionCard>
    </div>
  );
}
