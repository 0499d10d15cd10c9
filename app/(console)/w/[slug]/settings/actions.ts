"use server";

import { revalidatePath } from "next/cache";
import { workspaceAction } from "@/lib/actions/action";
import { deleteWorkspace, deleteWorkspaceInput } from "@/lib/workspaces/delete-workspace";
import { renameWorkspace, renameWorkspaceInput } from "@/lib/workspaces/rename-workspace";
import { transferOwnership, transferOwnershipInput } from "@/lib/members/transfer-ownership";

export const renameWorkspaceAction = workspaceAction("workspace.update", renameWorkspaceInput, async (ctx, input) => {
  const result = await renameWorkspace(ctx, input);
  // The name is in the header and the workspace switcher too.
  revalidatePath("/", "layout");
  return result;
});

export const transferOwnershipAction = workspaceAction(
  "workspace.transfer",
  transferOwnershipInput,
  async (ctx, input) => {
    await transferOwnership(ctx, input);
    revalidatePath(`/w/${ctx.workspace.slug}`, "layout");
    return null;
  },
);

export const deleteWorkspaceAction = workspaceAction("workspace.delete", deleteWorkspaceInput, async (ctx, input) => {
  await deleteWorkspace(ctx, input);
  revalidatePath("/", "layout");
  return { message: `Workspace “${ctx.workspace.displayName}” deleted.` };
});
