import type { DefaultSession } from "next-auth";

declare module "next-auth" {
  interface Session {
    /** lastWorkspaceId: the workspace the user last opened (lib/workspaces/landing.ts). */
    user: { id: string; lastWorkspaceId: string | null } & DefaultSession["user"];
  }
  interface User {
    lastWorkspaceId?: string | null;
  }
}
