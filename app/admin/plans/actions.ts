"use server";

import { revalidatePath } from "next/cache";
import { platformAction } from "@/lib/actions/platform-action";
import { createPlanInput, updatePlanInput } from "@/lib/plans/plan-input";
import { createPlan, previewPlanChange, updatePlan } from "@/lib/plans/save-plan";
import { schedulePrice, schedulePriceInput } from "@/lib/plans/schedule-price";

export const createPlanAction = platformAction("platform.plans.write", createPlanInput, async (context, input) => {
  const result = await createPlan(context, input);
  revalidatePath("/admin/plans", "layout");
  return result;
});

export const previewPlanAction = platformAction("platform.plans.write", updatePlanInput, async (_context, input) =>
  previewPlanChange(input),
);

export const updatePlanAction = platformAction("platform.plans.write", updatePlanInput, async (context, input) => {
  const result = await updatePlan(context, input);
  revalidatePath("/admin/plans", "layout");
  return result;
});

export const schedulePriceAction = platformAction(
  "platform.plans.write",
  schedulePriceInput,
  async (context, input) => {
    const result = await schedulePrice(context, input);
    revalidatePath(`/admin/plans/${input.planId}`);
    return result;
  },
);
