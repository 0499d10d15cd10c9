import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { workspacePage } from "@/lib/auth/workspace-page";
import { environmentParam, workspaceHref } from "@/lib/environments/environment-param";
import { can } from "@/lib/authz/permissions";
import { AppError } from "@/lib/errors/app-error";
import { specOf } from "@/lib/runtimes/change-runtime";
import { getRuntime } from "@/lib/runtimes/list-runtimes";
import { runtimeFormValues } from "@/lib/runtimes/runtime-form";
import { runtimeFormOptions } from "@/lib/runtimes/runtime-form-options";
import { preflightRuntimeAction, updateRuntimeAction } from "@/app/(console)/w/[slug]/runtimes/actions";
import { RuntimeForm } from "@/components/runtimes/runtime-form";

export const metadata: Metadata = { title: "Edit runtime" };

export default async function EditRuntimePage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string; name: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { slug, name } = await params;
  const environment = environmentParam(await searchParams);
  const context = await workspacePage(slug, environment);
  if (!can(context.membership.role, "runtime.write")) {
    return (
      <p className="text-sm text-slate-600">
        You don&apos;t have access to change runtimes. Developers, admins and owners of this workspace can.
      </p>
    );
  }
  const [runtime, options] = await Promise.all([
    getRuntime(context, name).catch((error: unknown) => {
      if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
      throw error;
    }),
    runtimeFormOptions(context),
  ]);
  return (
    <div className="flex flex-col gap-6">
      <div>
        <Link
          href={workspaceHref(slug, `/runtimes/${name}`, environment)}
          className="text-brand-700 text-sm hover:underline"
        >
          ← {name}
        </Link>
        <h2 className="mt-2 text-lg font-semibold">Edit runtime {name}</h2>
        <p className="mt-1 max-w-2xl text-sm text-slate-600">
          Saving replaces the pods one by one (a rolling update), so the runtime keeps serving meanwhile.
        </p>
      </div>
      <RuntimeForm
        slug={slug}
        mode="edit"
        actions={{
          preflight: preflightRuntimeAction.bind(null, { slug, environment }),
          save: updateRuntimeAction.bind(null, { slug, environment }),
        }}
        initial={runtimeFormValues(name, specOf(runtime.runtime))}
        {...options}
      />
    </div>
  );
}
