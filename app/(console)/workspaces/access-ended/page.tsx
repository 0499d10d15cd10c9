import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireSession } from "@/lib/auth/session";
import { lostMembership } from "@/lib/members/lost-membership";
import { buttonClass } from "@/components/ui/button-class";
import { DateTime } from "@/components/ui/date-time";

export const metadata: Metadata = { title: "No longer a member" };

// Where a former member lands when they open a workspace they were removed from or left.
export default async function AccessEndedPage({ searchParams }: { searchParams: Promise<{ workspace?: string }> }) {
  const { user } = await requireSession();
  const { workspace: slug } = await searchParams;
  const lost = slug ? await lostMembership(user.id, slug) : null;
  if (!lost) notFound();
  return (
    <div className="mx-auto flex max-w-lg flex-col gap-4">
      <h1 className="text-2xl font-semibold">You no longer have access to this workspace</h1>
      <p className="text-sm text-slate-700">
        {lost.how === "removed" ? "You were removed from " : "You left "}
        <span className="font-medium">{lost.workspaceName}</span> on <DateTime at={lost.at} />. Its runtimes, volumes
        and kubeconfigs are no longer yours to reach; ask one of its owners or admins to invite you again if you need
        it.
      </p>
      <Link href="/dashboard" className={buttonClass({ className: "self-start" })}>
        Go to your workspaces
      </Link>
    </div>
  );
}
