"use server";

import { revalidatePath } from "next/cache";
import { workspaceAction } from "@/lib/actions/action";
import { createApiToken } from "@/lib/api-tokens/create-token";
import { revokeApiToken } from "@/lib/api-tokens/revoke-token";
import { createApiTokenInput, revokeApiTokenInput } from "@/lib/api-tokens/token-input";

// The settings page's API token actions; each calls one domain function (lib/api-tokens).

export const createApiTokenAction = workspaceAction("apiToken.manage", createApiTokenInput, async (ctx, input) => {
  const created = await createApiToken(ctx, input);
  revalidatePath(`/w/${ctx.workspace.slug}/settings`);
  // The secret goes back to the browser this once, and is never shown again.
  return {
    name: input.name,
    token: created.token,
    expiresAt: created.expiresAt.toISOString(),
    environment: input.environment ?? null,
  };
});

export const revokeApiTokenAction = workspaceAction("apiToken.manage", revokeApiTokenInput, async (ctx, input) => {
  const { name } = await revokeApiToken(ctx, input);
  revalidatePath(`/w/${ctx.workspace.slug}/settings`);
  return { message: `Token “${name}” revoked.` };
});
