"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { userAction } from "@/lib/actions/action";
import { createTeamWorkspace, createWorkspaceInput } from "@/lib/workspaces/create-workspace";

export const createWorkspace = userAction("workspace.create", createWorkspaceInput, async (actor, input) => {
  const { slug } = await createTeamWorkspace(actor, input);
  // The console's layout lists the workspaces (the switcher): render it again with this one.
  revalidatePath("/", "layout");
  redirect(`/w/${slug}`);
});
