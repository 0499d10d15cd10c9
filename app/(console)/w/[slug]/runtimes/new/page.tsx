import type { Metadata } from "next";
import Link from "next/link";
import { workspacePage } from "@/lib/auth/workspace-page";
import { environmentParam, workspaceHref } from "@/lib/environments/environment-param";
import { can } from "@/lib/authz/permissions";
import { emptyRuntimeForm } from "@/lib/runtimes/runtime-form";
import { runtimeFormOptions } from "@/lib/runtimes/runtime-form-options";
import { createRuntimeAction, preflightRuntimeAction } from "@/app/(console)/w/[slug]/runtimes/actions";
import { RuntimeForm } from "@/components/runtimes/runtime-form";

export const metadata: Metadata = { title: "New runtime" };

export default async function NewRuntimePage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { slug } = await params;
  const environment = environmentParam(await searchParams);
  const context = await workspacePage(slug, environment);
  if (!can(context.membership.role, "runtime.write")) {
    return (
      <p className="text-sm text-slate-600">
        You don&apos;t have access to create runtimes. Developers, admins and owners of this workspace can.
      </p>
    );
  }
  const options = await runtimeFormOptions(context);
  return (
    <div className="flex flex-col gap-6">
      <div>
        <Link href={workspaceHref(slug, `/runtimes`, environment)} className="text-brand-700 text-sm hover:underline">
          ← Runtimes
        </Link>
        <h2 className="mt-2 text-lg font-semibold">New runtime</h2>
        <p className="mt-1 max-w-2xl text-sm text-slate-600">
          Runs a container image with the resources you choose. The preflight shows what it costs and whether it fits
          this workspace&apos;s quota before anything is created.
        </p>
      </div>
      <RuntimeForm
        slug={slug}
        mode="create"
        actions={{
          preflight: preflightRuntimeAction.bind(null, { slug, environment }),
          save: createRuntimeAction.bind(null, { slug, environment }),
        }}
        initial={emptyRuntimeForm(options.defaultRuntimeClass)}
        {...options}
      />
    </div>
  );
}
