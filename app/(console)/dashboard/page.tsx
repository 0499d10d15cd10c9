import type { Metadata } from "next";
import { requireSession } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage() {
  const session = await requireSession();
  const firstName = session.user.name?.split(/\s+/)[0] ?? "there";
  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="text-2xl font-semibold">Welcome, {firstName}</h1>
        <p className="mt-1 text-sm text-slate-600">Signed in as {session.user.name ?? session.user.email}.</p>
      </div>
      <section
        aria-labelledby="getting-started"
        className="rounded-xl border border-dashed border-slate-300 bg-white p-6 text-sm text-slate-700"
      >
        <h2 id="getting-started" className="text-base font-semibold text-slate-900">
          Getting started
        </h2>
        <p className="mt-2">Your workspaces, runtimes, volumes and costs will appear here. Nothing is running yet.</p>
      </section>
    </div>
  );
}
