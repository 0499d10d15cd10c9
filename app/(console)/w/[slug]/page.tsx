import type { Metadata } from "next";
import { workspacePage } from "@/lib/auth/workspace-page";

export const metadata: Metadata = { title: "Overview" };

export default async function WorkspaceOverviewPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { workspace } = await workspacePage(slug);
  return (
    <section aria-labelledby="overview" className="rounded-xl border border-slate-200 bg-white p-6 text-sm">
      <h2 id="overview" className="text-base font-semibold">
        Overview
      </h2>
      <p className="mt-2 text-slate-600">Plan: {workspace.planId}</p>
    </section>
  );
}
