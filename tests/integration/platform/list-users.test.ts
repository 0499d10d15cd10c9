import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { listUsers, listUsersInput } from "@/lib/platform/list-users";
import { createPlatformAdmin, teamWorkspace } from "../../support/factories";

// The operator's user list: search by name or address (LIKE wildcards are literal), filter
// by status, newest first, with each user's workspace count; bad paging names the field.

describe("listing users", () => {
  it("searches by name or address and filters by status", async () => {
    const tag = randomBytes(4).toString("hex");
    const { owner } = await teamWorkspace({ prefix: "lu" });
    await db().user.update({ where: { id: owner.id }, data: { name: `Zed ${tag}` } });
    const disabled = await db().user.create({
      data: { name: `Dis ${tag}`, email: `dis.${tag}@canopy.test`, disabledAt: new Date() },
    });
    const admin = await createPlatformAdmin(`Adm ${tag}`);

    const all = await listUsers(listUsersInput.parse({ q: tag }));
    expect(all.users.map((u) => u.id)).toEqual([admin.id, disabled.id, owner.id]);
    expect(all.users.find((u) => u.id === owner.id)).toMatchObject({ workspaces: 1, admin: false, disabledAt: null });

    expect((await listUsers(listUsersInput.parse({ q: tag, status: "disabled" }))).users.map((u) => u.id)).toEqual([
      disabled.id,
    ]);
    expect((await listUsers(listUsersInput.parse({ q: tag, status: "admins" }))).users.map((u) => u.id)).toEqual([
      admin.id,
    ]);
    expect((await listUsers(listUsersInput.parse({ q: `dis.${tag}@` }))).total).toBe(1);
    // A LIKE wildcard is a character to find, not "anything".
    expect((await listUsers(listUsersInput.parse({ q: `${tag.slice(0, 3)}%${tag.slice(4)}` }))).total).toBe(0);
  });

  it("names the field when paging is not valid", () => {
    const parsed = listUsersInput.safeParse({ page: "0", status: "everyone" });
    expect(parsed.success).toBe(false);
    const issues = parsed.error!.issues.map((i) => [i.path.join("."), i.message]);
    expect(issues).toEqual([
      ["status", "Choose all, active, disabled or admins."],
      ["page", "Pages start at 1."],
    ]);
    expect(listUsersInput.parse({ page: "2" })).toEqual({ q: "", status: "all", page: 2 });
  });
});
