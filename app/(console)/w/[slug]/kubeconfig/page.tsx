import type { Metadata } from "next";
import { workspacePage } from "@/lib/auth/workspace-page";
import { environmentParam } from "@/lib/environments/environment-param";
import { can } from "@/lib/authz/permissions";
import { env } from "@/lib/config/env";
import { listKubeconfigs } from "@/lib/credentials/list-kubeconfigs";
import { IssueKubeconfigForm } from "@/components/credentials/issue-kubeconfig-form";
import { KubeconfigList } from "@/components/credentials/kubeconfig-list";
import { revokeAllKubeconfigsAction, revokeKubeconfigAction } from "./actions";

export const metadata: Metadata = { title: "Kubeconfig" };

export default async function KubeconfigPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { slug } = await params;
  const environment = environmentParam(await searchParams);
  // Issued in the page's environment (its namespace is the kubeconfig's context); the list
  // and revoking are workspace-wide, with the workspace role.
  const [context, workspace] = await Promise.all([workspacePage(slug, environment), workspacePage(slug)]);
  const config = env();
  const kubeconfigs = await listKubeconfigs(workspace);
  const seesEveryone = can(workspace.membership.role, "kubeconfig.revokeAny");

  return (
    <div className="flex flex-col gap-8">
      <section aria-labelledby="download-heading" className="flex flex-col gap-3">
        <div>
          <h2 id="download-heading" className="text-lg font-semibold">
            Download a kubeconfig
          </h2>
          <p className="mt-1 max-w-2xl text-sm text-slate-600">
            A kubeconfig lets kubectl act as you in namespace{" "}
            <code className="rounded bg-slate-100 px-1">{context.namespace}</code> with your role&apos;s permissions. It
            holds a short-lived token that expires on its own and can be revoked here at any time. Removing you from the
            workspace revokes all of yours.
          </p>
        </div>
        <IssueKubeconfigForm
          slug={slug}
          defaultHours={Math.min(config.CANOPY_KUBECONFIG_DEFAULT_HOURS, config.CANOPY_KUBECONFIG_MAX_HOURS)}
          maxHours={config.CANOPY_KUBECONFIG_MAX_HOURS}
        />
      </section>
      <section aria-labelledby="issued-heading" className="flex flex-col gap-3">
        <h2 id="issued-heading" className="text-lg font-semibold">
          {seesEveryone ? "Issued kubeconfigs (all members)" : "Your kubeconfigs"}
        </h2>
        <KubeconfigList
          revokeAction={revokeKubeconfigAction.bind(null, slug)}
          revokeAllAction={revokeAllKubeconfigsAction.bind(null, slug)}
          showOwner={seesEveryone}
          ownMembershipId={workspace.membership.id}
          items={kubeconfigs.map((k) => ({
            ...k,
            createdAt: k.createdAt.toISOString(),
            expiresAt: k.expiresAt.toISOString(),
            revokedAt: k.revokedAt?.toISOString() ?? null,
          }))}
        />
      </section>
    </div>
  );
}
