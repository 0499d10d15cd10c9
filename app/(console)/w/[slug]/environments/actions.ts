"use server";

import { revalidatePath } from "next/cache";
import { workspaceAction } from "@/lib/actions/action";
import { createEnvironment, createEnvironmentInput } from "@/lib/environments/create-environment";
import { deleteEnvironment, deleteEnvironmentInput } from "@/lib/environments/delete-environment";
import { setEnvironmentRole, setEnvironmentRoleInput } from "@/lib/environments/environment-roles";
import { moveQuota, moveQuotaInput, previewQuotaMove } from "@/lib/environments/move-quota";
import { renameEnvironment, renameEnvironmentInput } from "@/lib/environments/rename-environment";

// The environments of a workspace: each action is one guarded domain function. The
// environment switcher is in the workspace's layout, so changes revalidate the layout.

const refresh = (slug: string) => revalidatePath(`/w/${slug}`, "layout");

export const createEnvironmentAction = workspaceAction(
  "environment.manage",
  createEnvironmentInput,
  async (ctx, input) => {
    const result = await createEnvironment(ctx, input);
    refresh(ctx.workspace.slug);
    return result;
  },
);

export const renameEnvironmentAction = workspaceAction(
  "environment.manage",
  renameEnvironmentInput,
  async (ctx, input) => {
    const result = await renameEnvironment(ctx, input);
    refresh(ctx.workspace.slug);
    return result;
  },
);

export const deleteEnvironmentAction = workspaceAction(
  "environment.manage",
  deleteEnvironmentInput,
  async (ctx, input) => {
    const result = await deleteEnvironment(ctx, input);
    refresh(ctx.workspace.slug);
    return { ...result, message: `Environment “${input.environment}” deleted.` };
  },
);

export const previewQuotaMoveAction = workspaceAction("environment.manage", moveQuotaInput, previewQuotaMove);

export const moveQuotaAction = workspaceAction("environment.manage", moveQuotaInput, async (ctx, input) => {
  const result = await moveQuota(ctx, input);
  refresh(ctx.workspace.slug);
  return result;
});

export const setEnvironmentRoleAction = workspaceAction(
  "environment.roles",
  setEnvironmentRoleInput,
  async (ctx, input) => {
    const result = await setEnvironmentRole(ctx, input);
    refresh(ctx.workspace.slug);
    return result;
  },
);
