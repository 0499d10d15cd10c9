import type { Metadata } from "next";
import { requireSession } from "@/lib/auth/session";
import { CreateWorkspaceForm } from "@/components/workspace/create-workspace-form";
import { createWorkspace } from "./actions";

export const metadata: Metadata = { title: "New team workspace" };

export default async function NewWorkspacePage() {
  await requireSession();
  return (
    <div className="mx-auto flex max-w-lg flex-col gap-6">
      <div>
        <h1 className="text-2xl font-semibold">New team workspace</h1>
        <p className="mt-1 text-sm text-slate-600">
          A team workspace is an isolated namespace with its own quota, members and bill. You become its owner.
        </p>
      </div>
      <CreateWorkspaceForm action={createWorkspace} />
    </div>
  );
}
