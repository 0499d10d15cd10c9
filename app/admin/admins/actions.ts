"use server";

import { revalidatePath } from "next/cache";
import { platformAction } from "@/lib/actions/platform-action";
import {
  grantPlatformAdmin,
  grantPlatformAdminInput,
  revokePlatformAdmin,
  revokePlatformAdminInput,
} from "@/lib/platform/platform-admins";

export const grantPlatformAdminAction = platformAction(
  "platform.admins.write",
  grantPlatformAdminInput,
  async (context, input) => {
    const result = await grantPlatformAdmin(context, input);
    revalidatePath("/admin/admins");
    return result;
  },
);

export const revokePlatformAdminAction = platformAction(
  "platform.admins.write",
  revokePlatformAdminInput,
  async (context, input) => {
    await revokePlatformAdmin(context, input);
    revalidatePath("/admin/admins");
    return null;
  },
);
