"use server";

import { revalidatePath } from "next/cache";
import { platformAction } from "@/lib/actions/platform-action";
import { changePlanInput, changeWorkspacePlan } from "@/lib/platform/change-workspace-plan";
import { grantWorkspaceCredit, grantWorkspaceCreditInput } from "@/lib/platform/grant-workspace-credit";
import {
  clearQuotaOverride,
  clearQuotaOverrideInput,
  setQuotaOverride,
  setQuotaOverrideInput,
} from "@/lib/platform/set-quota-override";
import {
  resumeWorkspaceByOperator,
  resumeWorkspaceInput,
  suspendWorkspaceByOperator,
  suspendWorkspaceInput,
} from "@/lib/platform/suspend-workspace";

const write = "platform.workspaces.write" as const;
const refresh = () => revalidatePath("/admin/workspaces", "layout");

export const changePlanAction = platformAction(write, changePlanInput, async (context, input) => {
  const result = await changeWorkspacePlan(context, input);
  refresh();
  return result;
});

export const setQuotaOverrideAction = platformAction(write, setQuotaOverrideInput, async (context, input) => {
  const result = await setQuotaOverride(context, input);
  refresh();
  return result;
});

export const clearQuotaOverrideAction = platformAction(write, clearQuotaOverrideInput, async (context, input) => {
  await clearQuotaOverride(context, input);
  refresh();
  return null;
});

export const grantCreditAction = platformAction(write, grantWorkspaceCreditInput, async (context, input) => {
  const result = await grantWorkspaceCredit(context, input);
  refresh();
  return result;
});

export const suspendWorkspaceAction = platformAction(write, suspendWorkspaceInput, async (context, input) => {
  const result = await suspendWorkspaceByOperator(context, input);
  refresh();
  return result;
});

export const resumeWorkspaceAction = platformAction(write, resumeWorkspaceInput, async (context, input) => {
  const result = await resumeWorkspaceByOperator(context, input);
  refresh();
  return result;
});
