import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { workspacePage } from "@/lib/auth/workspace-page";
import { environmentParam, workspaceHref } from "@/lib/environments/environment-param";
import { can, PERMISSIONS, ROLE_LABELS } from "@/lib/authz/permissions";
import { AppError } from "@/lib/errors/app-error";
import { DEFAULT_TAIL_LINES } from "@/lib/runtimes/runtime-log-choices";
import { readLogSnapshot } from "@/lib/runtimes/runtime-log-snapshot";
import { listLogSources } from "@/lib/runtimes/runtime-log-sources";
import { Alert } from "@/components/ui/alert";
import { LogSnapshotLines } from "@/components/runtimes/logs/log-snapshot-lines";
import { LogViewer } from "@/components/runtimes/logs/log-viewer";

export async function generateMetadata({ params }: { params: Promise<{ name: string }> }): Promise<Metadata> {
  const { name } = await params;
  return { title: `Logs of ${name}` };
}

export default async function RuntimeLogsPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string; name: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { slug, name } = await params;
  const environment = environmentParam(await searchParams);
  const context = await workspacePage(slug, environment);
  const role = context.membership.role;
  const header = (
    <div className="mb-4 flex flex-wrap items-baseline justify-between gap-2">
      <h2 className="text-xl font-semibold">
        Logs of <span className="font-mono">{name}</span>
      </h2>
      <Link href={workspaceHref(slug, `/runtimes`, environment)} className="text-brand-700 text-sm hover:underline">
        All runtimes
      </Link>
    </div>
  );
  if (!can(role, "runtime.logs")) {
    const allowed = PERMISSIONS["runtime.logs"].map((r) => ROLE_LABELS[r].toLowerCase()).join(", ");
    return (
      <>
        {header}
        <Alert tone="warning" role="status">
          As a {ROLE_LABELS[role].toLowerCase()} you may not read this runtime&apos;s logs: they can hold data that only
          the people who build may see. Logs are open to the roles {allowed}; ask an admin or owner of this workspace if
          you need them.
        </Alert>
      </>
    );
  }
  const pods = await listLogSources(context, name).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    throw error;
  });
  // The newest lines in the HTML itself; the viewer follows the log live once it runs.
  const snapshot = pods.length ? await readLogSnapshot(context, name, pods, { tailLines: DEFAULT_TAIL_LINES }) : null;
  return (
    <>
      {header}
      <LogViewer
        slug={slug}
        runtime={name}
        pods={pods}
        snapshot={snapshot ? { count: snapshot.lines.length, view: <LogSnapshotLines snapshot={snapshot} /> } : null}
      />
    </>
  );
}
