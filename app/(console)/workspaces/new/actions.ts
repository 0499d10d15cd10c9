"use server";

import { redirect } from "next/navigation";
import { userAction } from "@/lib/actions/action";
import { createTeamWorkspace, createWorkspaceInput } from "@/lib/workspaces/create-workspace";

export const createWorkspace = userAction(createWorkspaceInput, async (actor, input) => {
  const { slug } = await createTeamWorkspace(actor, input);
  redirect(`/w/${slug}`);
});
