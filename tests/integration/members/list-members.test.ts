import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { ensurePersonalWorkspace } from "@/lib/workspaces/create-workspace";
import { listMembers } from "@/lib/members/list-members";
import { canChangeRoleOf, canRemove, roleOptions } from "@/lib/members/member-rules";
import { addMember, createUser, signedInAs, teamWorkspace } from "../../support/factories";

describe("listing members", () => {
  it("shows every member with name, email, role and joining date to any member, highest role first", async () => {
    const { owner, slug, workspace } = await teamWorkspace();
    const { user: viewer } = await addMember(workspace.id, "VIEWER", { provision: true });
    const { user: admin } = await addMember(workspace.id, "ADMIN", { provision: true });
    const other = await teamWorkspace();
    await addMember(other.workspace.id, "DEVELOPER", { provision: true });

    const members = await listMembers(await signedInAs(viewer.id, slug, "member.list"));
    expect(members.map((m) => [m.userId, m.role])).toEqual([
      [owner.id, "OWNER"],
      [admin.id, "ADMIN"],
      [viewer.id, "VIEWER"],
    ]);
    expect(members[0]).toMatchObject({ name: owner.name, email: owner.email, isPersonalOwner: false });
    expect(members[0]!.joinedAt).toBeInstanceOf(Date);
  });

  it("is not found for someone outside the workspace", async () => {
    const { slug } = await teamWorkspace();
    const outsider = await createUser("Outsider");
    await expect(signedInAs(outsider.id, slug, "member.list")).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("marks the personal owner, whom nobody can manage", async () => {
    const user = await createUser("Personal");
    const { slug } = await ensurePersonalWorkspace(user);
    const workspace = await db().workspace.findUniqueOrThrow({ where: { slug } });
    const { membership: coOwner } = await addMember(workspace.id, "OWNER", { provision: true });
    const members = await listMembers(await signedInAs(user.id, slug, "member.list"));
    const personal = members.find((m) => m.userId === user.id)!;
    expect(personal.isPersonalOwner).toBe(true);
    expect(canChangeRoleOf("OWNER", personal)).toBe(false);
    expect(canRemove("OWNER", coOwner.id, personal)).toBe(false);
  });
});

describe("member rules shown in the UI", () => {
  const target = (role: "OWNER" | "ADMIN" | "DEVELOPER" | "VIEWER") => ({
    membershipId: "target",
    role,
    isPersonalOwner: false,
  });

  it("offers roles up to one's own and keeps admins away from owners", () => {
    expect(roleOptions("OWNER")).toEqual(["OWNER", "ADMIN", "DEVELOPER", "VIEWER"]);
    expect(roleOptions("ADMIN")).toEqual(["ADMIN", "DEVELOPER", "VIEWER"]);
    expect(canChangeRoleOf("ADMIN", target("OWNER"))).toBe(false);
    expect(canChangeRoleOf("ADMIN", target("ADMIN"))).toBe(true);
    expect(canRemove("ADMIN", "me", target("OWNER"))).toBe(false);
    expect(canRemove("ADMIN", "me", target("DEVELOPER"))).toBe(true);
    expect(canRemove("OWNER", "target", target("DEVELOPER"))).toBe(false);
    expect(canChangeRoleOf("DEVELOPER", target("VIEWER"))).toBe(false);
    expect(canRemove("VIEWER", "me", target("VIEWER"))).toBe(false);
  });
});
