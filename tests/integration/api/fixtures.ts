import type { Role } from "@/lib/authz/permissions";
import { db } from "@/lib/db/client";
import { revokeApiToken } from "@/lib/api-tokens/revoke-token";
import { signedInAs, signedInMember, teamWorkspace } from "../../support/factories";
import { tokenFor } from "./support";

// Two team workspaces for the REST API suites: A with a member of every role, each with a
// token of their own role, and a revoked and an expired token; B with its owner's token.

export async function apiWorkspaces(prefix: string) {
  const a = await teamWorkspace({ prefix, permission: "apiToken.manage" });
  const tokens = { OWNER: (await tokenFor(a.context)).token } as Record<Role, string>;
  const contexts = { OWNER: a.context } as Record<Role, Awaited<ReturnType<typeof signedInAs>>>;
  for (const role of ["ADMIN", "DEVELOPER", "VIEWER"] as const) {
    contexts[role] = await signedInMember(a.workspace, role, "apiToken.manage", { provision: true });
    tokens[role] = (await tokenFor(contexts[role])).token;
  }
  const revoked = await tokenFor(a.context);
  await revokeApiToken(a.context, { id: revoked.id });
  const expired = await tokenFor(a.context);
  await db().apiToken.update({ where: { id: expired.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
  const b = await teamWorkspace({ prefix: `${prefix}b`, permission: "apiToken.manage" });
  const other = (await tokenFor(b.context)).token;
  return { a, b, contexts, tokens, revoked: revoked.token, expired: expired.token, other };
}
