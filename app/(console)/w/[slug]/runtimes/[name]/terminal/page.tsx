import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { workspacePage } from "@/lib/auth/workspace-page";
import { environmentParam, workspaceHref } from "@/lib/environments/environment-param";
import { can } from "@/lib/authz/permissions";
import { AppError } from "@/lib/errors/app-error";
import { getRuntime } from "@/lib/runtimes/list-runtimes";
import { RuntimeTerminal } from "@/components/runtimes/runtime-terminal";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button-class";
import { EmptyState } from "@/components/ui/empty-state";

export async function generateMetadata({ params }: { params: Promise<{ name: string }> }): Promise<Metadata> {
  const { name } = await params;
  return { title: `Terminal · ${name}` };
}

// The page only offers the terminal; the WebSocket (lib/terminal/upgrade.ts) checks the
// session, the membership and runtime.exec again on connect, and the pod too.
export default async function RuntimeTerminalPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string; name: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { slug, name } = await params;
  const environment = environmentParam(await searchParams);
  const context = await workspacePage(slug, environment);
  const back = (
    <Link
      href={workspaceHref(slug, `/runtimes/${name}`, environment)}
      className="text-brand-700 text-sm hover:underline"
    >
      ← {name}
    </Link>
  );
  if (!can(context.membership.role, "runtime.exec")) {
    return (
      <div className="flex flex-col gap-4">
        {back}
        <Alert tone="warning" role="alert">
          Your role in this workspace may not open a terminal in its runtimes. Developers, admins and owners can.
        </Alert>
      </div>
    );
  }
  const { runtime } = await getRuntime(context, name).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    throw error;
  });
  const pods = runtime.pods.filter((pod) => pod.phase === "Running").map((pod) => pod.name);
  return (
    <div className="flex flex-col gap-4">
      {back}
      <h2 className="font-mono text-xl font-semibold break-all">Terminal · {name}</h2>
      {pods.length ? (
        <RuntimeTerminal slug={slug} name={name} pods={pods} />
      ) : (
        <EmptyState
          title="No running pod"
          action={
            // A plain link: the page is rendered again, with the pods running now.
            <a
              href={workspaceHref(slug, `/runtimes/${name}/terminal`, environment)}
              className={buttonClass({ variant: "secondary", size: "sm" })}
            >
              Check again
            </a>
          }
        >
          A terminal opens in a running pod of this runtime, and none is running right now. Start the runtime, or wait
          for its pods to be ready.
        </EmptyState>
      )}
    </div>
  );
}
