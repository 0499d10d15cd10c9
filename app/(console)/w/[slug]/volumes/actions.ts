"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { workspaceAction } from "@/lib/actions/action";
import { workspaceHref } from "@/lib/environments/environment-param";
import { createVolume } from "@/lib/storage/create-volume";
import { deleteVolume } from "@/lib/storage/delete-volume";
import { expandVolume } from "@/lib/storage/expand-volume";
import { formatBytes } from "@/lib/storage/size";
import { createVolumeInput, deleteVolumeInput, expandVolumeInput } from "@/lib/storage/volume-input";

export const createVolumeAction = workspaceAction("runtime.write", createVolumeInput, async (ctx, input) => {
  const { name } = await createVolume(ctx, input);
  revalidatePath(`/w/${ctx.workspace.slug}/volumes`);
  redirect(workspaceHref(ctx.workspace.slug, `/volumes?created=${encodeURIComponent(name)}`, ctx.environment));
});

export const expandVolumeAction = workspaceAction("runtime.write", expandVolumeInput, async (ctx, input) => {
  await expandVolume(ctx, input);
  revalidatePath(`/w/${ctx.workspace.slug}/volumes`);
  return { message: `Expanding “${input.name}” to ${formatBytes(input.size)}.` };
});

export const deleteVolumeAction = workspaceAction("runtime.write", deleteVolumeInput, async (ctx, input) => {
  await deleteVolume(ctx, { name: input.name });
  revalidatePath(`/w/${ctx.workspace.slug}/volumes`);
  return { message: `Volume “${input.name}” deleted.` };
});
