"use server";

import { revalidatePath } from "next/cache";
import { platformAction } from "@/lib/actions/platform-action";
import { approveQuotaRequest, denyQuotaRequest } from "@/lib/quotas/decide-quota-request";
import { approveQuotaRequestInput, denyQuotaRequestInput } from "@/lib/quotas/quota-request-input";

export const approveQuotaRequestAction = platformAction(
  "platform.quotaRequests.decide",
  approveQuotaRequestInput,
  async (context, input) => {
    const { state, applied } = await approveQuotaRequest(context, input);
    revalidatePath("/admin/quota-requests");
    return { state, applied };
  },
);

export const denyQuotaRequestAction = platformAction(
  "platform.quotaRequests.decide",
  denyQuotaRequestInput,
  async (context, input) => {
    const { state, applied } = await denyQuotaRequest(context, input);
    revalidatePath("/admin/quota-requests");
    return { state, applied };
  },
);
