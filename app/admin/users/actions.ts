"use server";

import { revalidatePath } from "next/cache";
import { platformAction } from "@/lib/actions/platform-action";
import { disableUser, disableUserInput, enableUser, enableUserInput } from "@/lib/platform/disable-user";

export const disableUserAction = platformAction("platform.users.write", disableUserInput, async (context, input) => {
  const result = await disableUser(context, input);
  revalidatePath("/admin/users", "layout");
  return result;
});

export const enableUserAction = platformAction("platform.users.write", enableUserInput, async (context, input) => {
  await enableUser(context, input);
  revalidatePath("/admin/users", "layout");
  return null;
});
