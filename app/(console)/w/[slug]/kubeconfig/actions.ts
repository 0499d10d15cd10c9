"use server";

import { revalidatePath } from "next/cache";
import { workspaceAction } from "@/lib/actions/action";
import {
  revokeAllKubeconfigs,
  revokeAllKubeconfigsInput,
  revokeKubeconfig,
  revokeKubeconfigInput,
} from "@/lib/credentials/revoke-kubeconfig";

export const revokeKubeconfigAction = workspaceAction("kubeconfig.issue", revokeKubeconfigInput, async (ctx, input) => {
  await revokeKubeconfig(ctx, input);
  revalidatePath(`/w/${ctx.workspace.slug}/kubeconfig`);
  return null;
});

export const revokeAllKubeconfigsAction = workspaceAction(
  "kubeconfig.issue",
  revokeAllKubeconfigsInput,
  async (ctx, input) => {
    const result = await revokeAllKubeconfigs(ctx, input);
    revalidatePath(`/w/${ctx.workspace.slug}/kubeconfig`);
    return result;
  },
);
