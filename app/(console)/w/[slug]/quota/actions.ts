"use server";

import { revalidatePath } from "next/cache";
import { workspaceAction } from "@/lib/actions/action";
import { requestQuotaIncreaseInput } from "@/lib/quotas/quota-request-input";
import { requestQuotaIncrease } from "@/lib/quotas/request-quota-increase";

export const requestQuotaIncreaseAction = workspaceAction(
  "quota.request",
  requestQuotaIncreaseInput,
  async (ctx, input) => {
    const result = await requestQuotaIncrease(ctx, input);
    // The overview's meters change too when the rule approved it.
    revalidatePath(`/w/${ctx.workspace.slug}`, "layout");
    return result;
  },
);
