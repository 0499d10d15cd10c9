"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { workspaceAction } from "@/lib/actions/action";
import { reconcileWorkspace } from "@/lib/workspaces/reconcile-workspace";

export const reconcileWorkspaceAction = workspaceAction("workspace.reconcile", z.object({}), async (ctx) => {
  await reconcileWorkspace(ctx);
  // A PROVISIONING workspace becomes READY: the badge is in the layout.
  revalidatePath(`/w/${ctx.workspace.slug}`, "layout");
  return null;
});
