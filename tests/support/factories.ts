import { randomBytes } from "node:crypto";
import { authorizeWorkspace } from "@/lib/authz/guard";
import type { WorkspaceContext } from "@/lib/authz/context";
import type { Permission, Role } from "@/lib/authz/permissions";
import { db } from "@/lib/db/client";
import { workspaceNamespaceName } from "@/lib/tenancy/kube-names";
import { provisionWorkspace } from "@/lib/tenancy/provision-workspace";
import { createTeamWorkspace } from "@/lib/workspaces/create-workspace";

// The one set of factories for the integration suites: users, team workspaces made through
// the domain (so they are provisioned on the cluster), members added straight in the
// database, and the guard's context for a signed-in member.

/** A user as the first sign-in leaves it: verified email, no workspace yet. */
export async function createUser(name = "Test User", options: { verified?: boolean } = {}) {
  const tag = randomBytes(4).toString("hex");
  return db().user.create({
    data: {
      name: `${name} ${tag}`,
      email: `${name.toLowerCase().replace(/\W+/g, ".")}.${tag}@canopy.test`,
      emailVerified: options.verified === false ? null : new Date(),
    },
  });
}

export function uniqueSlug(prefix = "team"): string {
  return `${prefix}-${randomBytes(4).toString("hex")}`;
}

/** What the guard hands a handler when `userId` acts in the workspace `slug` with `permission`. */
export function signedInAs(userId: string, slug: string, permission: Permission): Promise<WorkspaceContext> {
  return authorizeWorkspace({ userId }, slug, permission);
}

/**
 * A team workspace created by a new owner through the domain, with the owner's membership
 * and the owner's context for `permission` (workspace.read unless told).
 */
export async function teamWorkspace(options: { prefix?: string; permission?: Permission } = {}) {
  const owner = await createUser("Owner");
  const slug = uniqueSlug(options.prefix ?? "team");
  await createTeamWorkspace({ userId: owner.id }, { displayName: `Team ${slug}`, slug });
  const workspace = await db().workspace.findUniqueOrThrow({ where: { slug } });
  const ownerMembership = await db().membership.findFirstOrThrow({ where: { workspaceId: workspace.id } });
  const context = await signedInAs(owner.id, slug, options.permission ?? "workspace.read");
  return { owner, slug, workspace, ownerMembership, namespace: workspaceNamespaceName(slug), context };
}

/**
 * A new user with `role` in the workspace, added in the database (no invitation); with
 * `provision`, their cluster identity (ServiceAccount, RoleBinding) is made too.
 */
export async function addMember(workspaceId: string, role: Role, options: AddMemberOptions = {}) {
  const user = await createUser(options.name ?? role.toLowerCase());
  const membership = await db().membership.create({ data: { workspaceId, userId: user.id, role } });
  if (options.provision) await provisionWorkspace(workspaceId);
  return { user, membership };
}

export interface AddMemberOptions {
  name?: string;
  provision?: boolean;
}

/** A new member with `role` (as addMember adds them), as the guard sees them for `permission`. */
export async function signedInMember(
  workspace: { id: string; slug: string },
  role: Role,
  permission: Permission,
  options: AddMemberOptions = {},
): Promise<WorkspaceContext> {
  const { user } = await addMember(workspace.id, role, options);
  return signedInAs(user.id, workspace.slug, permission);
}

/** A new user who is a platform administrator (granted as the console would). */
export async function createPlatformAdmin(name = "Operator") {
  const user = await createUser(name);
  await db().platformAdmin.create({ data: { userId: user.id, source: "CONSOLE" } });
  return user;
}
