import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { inviteMember } from "@/lib/invitations/invite-member";
import { listMyInvitations } from "@/lib/invitations/list-my-invitations";
import { removeMember } from "@/lib/members/remove-member";
import { landingPath, rememberWorkspace } from "@/lib/workspaces/landing";
import { ensurePersonalWorkspace } from "@/lib/workspaces/create-workspace";
import { createUser, signedInAs, teamWorkspace } from "../../support/factories";

// Where sign-in lands: the last workspace opened while still a member, else the only one,
// else the dashboard; open invitations take the user to the dashboard, which lists them.

describe("landing after sign-in", () => {
  it("lands in the only workspace, then the last one opened, and forgets one the user left", async () => {
    const user = await createUser("Lander");
    await ensurePersonalWorkspace(user);
    const personal = await db().workspace.findFirstOrThrow({ where: { personalOwnerId: user.id } });
    expect(await landingPath(user.id)).toBe(`/w/${personal.slug}`);

    const { workspace, slug } = await teamWorkspace({ prefix: "land" });
    const membership = await db().membership.create({
      data: { workspaceId: workspace.id, userId: user.id, role: "VIEWER" },
    });
    expect(await landingPath(user.id)).toBe("/dashboard"); // two workspaces, none opened yet
    await rememberWorkspace(user.id, workspace.id);
    expect(await landingPath(user.id)).toBe(`/w/${slug}`);
    await rememberWorkspace(user.id, personal.id);
    expect(await landingPath(user.id)).toBe(`/w/${personal.slug}`);
    await rememberWorkspace(user.id, workspace.id);

    // Removed from the team: its slug is not where they land any more.
    const owner = await db().membership.findFirstOrThrow({ where: { workspaceId: workspace.id, role: "OWNER" } });
    await removeMember(await signedInAs(owner.userId, slug, "member.remove"), { membershipId: membership.id });
    expect(await landingPath(user.id)).toBe(`/w/${personal.slug}`);
  });

  it("takes a user with an open invitation to the dashboard, which lists it", async () => {
    const user = await createUser("Invited");
    await ensurePersonalWorkspace(user);
    const { context } = await teamWorkspace({ prefix: "landinv", permission: "member.invite" });
    expect(await listMyInvitations({ userId: user.id })).toEqual([]);
    await inviteMember(context, { email: user.email!, role: "DEVELOPER" });
    expect(await landingPath(user.id)).toBe("/dashboard");
    const [invitation] = await listMyInvitations({ userId: user.id });
    expect(invitation).toMatchObject({ workspaceName: context.workspace.displayName, role: "DEVELOPER" });
    // Another user does not see it.
    expect(await listMyInvitations({ userId: (await createUser("Other")).id })).toEqual([]);
  });
});
