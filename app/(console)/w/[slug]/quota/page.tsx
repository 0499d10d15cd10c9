import type { Metadata } from "next";
import Link from "next/link";
import { workspacePage } from "@/lib/auth/workspace-page";
import { environmentParam, workspaceHref } from "@/lib/environments/environment-param";
import { can } from "@/lib/authz/permissions";
import { listWorkspaceQuotaRequests } from "@/lib/quotas/list-quota-requests";
import { formatQuotaAmount, QUOTA_KEYS, type QuotaKey } from "@/lib/quotas/quota-keys";
import { QuotaRequestForm } from "@/components/quotas/quota-request-form";
import { QuotaRequestList } from "@/components/quotas/quota-request-list";
import { SectionCard } from "@/components/ui/card";
import { Table, TableHead, Td, Th } from "@/components/ui/table";
import { requestQuotaIncreaseAction } from "./actions";

export const metadata: Metadata = { title: "Quota" };

export default async function QuotaPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { slug } = await params;
  const environment = environmentParam(await searchParams);
  const context = await workspacePage(slug);
  const quota = await listWorkspaceQuotaRequests(context);
  const mayAsk = can(context.membership.role, "quota.request");
  const pending = quota.requests.some((request) => request.state === "PENDING");
  const autoLimit = Object.fromEntries(
    QUOTA_KEYS.map(({ key }) => [key, quota.plan[key] * quota.autoApproveFactor]),
  ) as Record<QuotaKey, number>;

  return (
    <div className="flex flex-col gap-6">
      <SectionCard id="limits-heading" title="Quota limits">
        <p className="-mt-2 text-sm text-slate-600">
          The plan&apos;s limits, and this workspace&apos;s where a request raised them.{" "}
          <Link href={workspaceHref(slug, "", environment)} className="text-brand-700 font-medium hover:underline">
            What is in use: the overview
          </Link>
        </p>
        <Table caption="Quota limits: the plan's and this workspace's" frame="plain">
          <TableHead>
            <tr>
              <Th>Quota</Th>
              <Th>Plan</Th>
              <Th>This workspace</Th>
            </tr>
          </TableHead>
          <tbody>
            {QUOTA_KEYS.map(({ key, label }) => (
              <tr key={key} className="border-t border-slate-100">
                <Td className="font-medium">{label}</Td>
                <Td className="tabular-nums">{formatQuotaAmount(key, quota.plan[key])}</Td>
                <Td className="tabular-nums">{formatQuotaAmount(key, quota.current[key])}</Td>
              </tr>
            ))}
          </tbody>
        </Table>
      </SectionCard>

      <SectionCard id="ask-heading" title="Request more quota">
        {!mayAsk ? (
          <p className="text-sm text-slate-600">
            Workspace admins and owners can ask for more quota. Ask one of them if this workspace needs more.
          </p>
        ) : pending ? (
          <p className="text-sm text-slate-600">
            A request is waiting for a platform operator&apos;s decision. You can ask again once it is decided.
          </p>
        ) : (
          <QuotaRequestForm
            action={requestQuotaIncreaseAction.bind(null, slug)}
            current={quota.current}
            autoLimit={autoLimit}
          />
        )}
      </SectionCard>

      <SectionCard id="requests-heading" title="Requests">
        <QuotaRequestList requests={quota.requests} />
      </SectionCard>
    </div>
  );
}
