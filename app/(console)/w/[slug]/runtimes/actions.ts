"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { workspaceAction } from "@/lib/actions/action";
import { workspaceHref } from "@/lib/environments/environment-param";
import {
  deleteRuntime,
  restartRuntime,
  runtimeRef,
  scaleRuntime,
  scaleRuntimeInput,
  startRuntime,
  stopRuntime,
  updateRuntime,
  updateRuntimeInput,
} from "@/lib/runtimes/change-runtime";
import { createRuntime, createRuntimeInput } from "@/lib/runtimes/create-runtime";
import { preflightSummary } from "@/lib/runtimes/preflight-summary";
import { deleteRuntimeInput, preflightRuntimeInput } from "@/lib/runtimes/runtime-input";

// The runtimes pages' actions; each calls one domain function (lib/runtimes).

function refresh(slug: string) {
  revalidatePath(`/w/${slug}/runtimes`, "layout");
}

export const preflightRuntimeAction = workspaceAction("runtime.write", preflightRuntimeInput, (ctx, input) =>
  preflightSummary(ctx, input, input.editing),
);

export const createRuntimeAction = workspaceAction("runtime.write", createRuntimeInput, async (ctx, input) => {
  const { name } = await createRuntime(ctx, input);
  refresh(ctx.workspace.slug);
  redirect(workspaceHref(ctx.workspace.slug, `/runtimes/${name}`, ctx.environment));
});

export const updateRuntimeAction = workspaceAction("runtime.write", updateRuntimeInput, async (ctx, input) => {
  await updateRuntime(ctx, input);
  refresh(ctx.workspace.slug);
  redirect(workspaceHref(ctx.workspace.slug, `/runtimes/${input.name}`, ctx.environment));
});

export const scaleRuntimeAction = workspaceAction("runtime.write", scaleRuntimeInput, async (ctx, input) => {
  const { warnings } = await scaleRuntime(ctx, input);
  refresh(ctx.workspace.slug);
  const scaling = `Scaling to ${input.replicas} ${input.replicas === 1 ? "replica" : "replicas"}.`;
  return { message: warnings.length ? `${scaling} Warning: ${warnings.join(" ")}` : scaling };
});

export const stopRuntimeAction = workspaceAction("runtime.write", runtimeRef, async (ctx, input) => {
  await stopRuntime(ctx, input);
  refresh(ctx.workspace.slug);
  return { message: "Stopping." };
});

export const startRuntimeAction = workspaceAction("runtime.write", runtimeRef, async (ctx, input) => {
  await startRuntime(ctx, input);
  refresh(ctx.workspace.slug);
  return { message: "Starting." };
});

export const restartRuntimeAction = workspaceAction("runtime.write", runtimeRef, async (ctx, input) => {
  await restartRuntime(ctx, input);
  refresh(ctx.workspace.slug);
  return { message: "Restarting: new pods replace the old ones one by one." };
});

export const deleteRuntimeAction = workspaceAction("runtime.write", deleteRuntimeInput, async (ctx, input) => {
  await deleteRuntime(ctx, { name: input.name });
  refresh(ctx.workspace.slug);
  return { message: `Runtime “${input.name}” is being deleted with its pods.` };
});
