import { describe, expect, it } from "vitest";
import { authorizeWorkspace } from "@/lib/authz/guard";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { createTeamWorkspace, ensurePersonalWorkspace } from "@/lib/workspaces/create-workspace";
import { readUserWorkspaces } from "@/lib/workspaces/list-workspaces";
import { createUser, uniqueSlug } from "../../support/factories";

// The reads every console page makes (one joined query each): the user's workspace list and
// the guard's membership lookup.

async function join(userId: string, slug: string, role: "VIEWER" | "DEVELOPER" | "ADMIN" | "OWNER") {
  const workspace = await db().workspace.findUniqueOrThrow({ where: { slug }, select: { id: true } });
  await db().membership.create({ data: { userId, workspaceId: workspace.id, role } });
}

async function codeOf(promise: Promise<unknown>): Promise<string | null> {
  return promise.then(
    () => null,
    (error: unknown) => (error instanceof AppError ? error.code : String(error)),
  );
}

describe("the user's workspace list", () => {
  it("lists personal first, then by name, with roles; knows whether the user's own personal workspace is there", async () => {
    const user = await createUser("Lister");
    expect(await readUserWorkspaces(user.id)).toEqual({ workspaces: [], hasOwnPersonal: false });

    const other = await createUser("Other");
    const { slug: othersPersonal } = await ensurePersonalWorkspace(other);
    await join(user.id, othersPersonal, "VIEWER");
    // Someone else's personal workspace is not the user's own.
    expect((await readUserWorkspaces(user.id)).hasOwnPersonal).toBe(false);

    const { slug: personal } = await ensurePersonalWorkspace(user);
    const zed = uniqueSlug();
    const abe = uniqueSlug();
    await createTeamWorkspace({ userId: user.id }, { displayName: "Zed team", slug: zed });
    await createTeamWorkspace({ userId: user.id }, { displayName: "Abe team", slug: abe });
    const listed = await readUserWorkspaces(user.id);
    expect(listed.hasOwnPersonal).toBe(true);
    expect(listed.workspaces.map((w) => [w.slug, w.kind, w.role])).toEqual([
      // Both personal workspaces first (by name), then the teams by name.
      ...[
        [personal, "PERSONAL", "OWNER", `${user.name}'s workspace`],
        [othersPersonal, "PERSONAL", "VIEWER", `${other.name}'s workspace`],
      ]
        .sort((a, b) => a[3]!.localeCompare(b[3]!))
        .map((r) => r.slice(0, 3)),
      [abe, "TEAM", "OWNER"],
      [zed, "TEAM", "OWNER"],
    ]);
    expect(listed.workspaces.find((w) => w.slug === abe)).toMatchObject({ displayName: "Abe team", status: "READY" });

    // A deleted workspace is not listed.
    await db().workspace.update({ where: { slug: zed }, data: { deletedAt: new Date() } });
    expect((await readUserWorkspaces(user.id)).workspaces.map((w) => w.slug)).not.toContain(zed);
  });
});

describe("the workspace guard", () => {
  it("gives a member the workspace, its namespace and their role; a stranger or a deleted workspace is not found", async () => {
    const owner = await createUser("Guard owner");
    const viewer = await createUser("Guard viewer");
    const stranger = await createUser("Guard stranger");
    const slug = uniqueSlug();
    await createTeamWorkspace({ userId: owner.id }, { displayName: "Guarded", slug });
    await join(viewer.id, slug, "VIEWER");

    const context = await authorizeWorkspace({ userId: viewer.id }, slug, "runtime.read");
    const row = await db().workspace.findUniqueOrThrow({ where: { slug } });
    expect(context).toEqual({
      actor: { userId: viewer.id },
      workspace: {
        id: row.id,
        slug,
        displayName: "Guarded",
        kind: "TEAM",
        status: row.status,
        planId: row.planId,
      },
      namespace: `ws-${slug}`,
      environment: "default",
      membership: { id: expect.any(String), role: "VIEWER" },
    });

    expect(await codeOf(authorizeWorkspace({ userId: stranger.id }, slug, "workspace.read"))).toBe("NOT_FOUND");
    await db().workspace.update({ where: { slug }, data: { deletedAt: new Date() } });
    expect(await codeOf(authorizeWorkspace({ userId: owner.id }, slug, "workspace.read"))).toBe("NOT_FOUND");
  });

  it("refuses a role without the permission and audits the refusal", async () => {
    const owner = await createUser("Deny owner");
    const viewer = await createUser("Deny viewer");
    const slug = uniqueSlug();
    await createTeamWorkspace({ userId: owner.id }, { displayName: "Denied", slug });
    await join(viewer.id, slug, "VIEWER");

    expect(await codeOf(authorizeWorkspace({ userId: viewer.id }, slug, "runtime.write"))).toBe("FORBIDDEN");
    const denied = await db().auditEvent.findMany({
      where: { workspace: { slug }, action: "runtime.write", outcome: "DENIED" },
    });
    expect(denied).toHaveLength(1);
  });
});
