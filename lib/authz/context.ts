import type { Role } from "@/lib/authz/permissions";

// Who acts, and inside which workspace: what the guard (lib/authz/guard.ts) hands every
// workspace handler. Types only, so that anything (the audit log too) can name them
// without depending on the guard.

export interface Actor {
  userId: string;
  clientAddress?: string | null;
  /**
   * Set when the request came with a personal access token (the REST API, /api/v1): the
   * guard then also requires the token to be live and to belong to this workspace's
   * membership, and acts with the lower of the token's and the membership's roles.
   */
  apiToken?: { id: string } | null;
}

export interface WorkspaceContext {
  actor: Actor;
  workspace: {
    id: string;
    slug: string;
    displayName: string;
    kind: "PERSONAL" | "TEAM";
    status: string;
    planId: string;
  };
  /**
   * The environment's Kubernetes namespace, derived on the server from the workspace and
   * the environment's name, never taken from the request.
   */
  namespace: string;
  /** The environment the request acts in ("default" unless the caller named one). */
  environment: string;
  /** `role` is the role the request acts with: the membership's (lowered in this environment where set), or lower for an API token. */
  membership: { id: string; role: Role };
}

/** What the platform guard (lib/authz/platform-guard.ts) hands every operator handler. */
export interface PlatformContext {
  actor: Actor;
  admin: { userId: string };
}
