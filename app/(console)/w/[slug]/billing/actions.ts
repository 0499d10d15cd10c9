"use server";

import { revalidatePath } from "next/cache";
import { workspaceAction } from "@/lib/actions/action";
import { removeBudget, removeBudgetInput, setBudget, setBudgetInput } from "@/lib/billing/set-budget";

export const setBudgetAction = workspaceAction("billing.manage", setBudgetInput, async (ctx, input) => {
  const result = await setBudget(ctx, input);
  revalidatePath(`/w/${ctx.workspace.slug}/billing`);
  return result;
});

export const removeBudgetAction = workspaceAction("billing.manage", removeBudgetInput, async (ctx) => {
  await removeBudget(ctx);
  revalidatePath(`/w/${ctx.workspace.slug}/billing`);
  return null;
});
