import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { renameWorkspace, renameWorkspaceInput } from "@/lib/workspaces/rename-workspace";
import { addMember, signedInAs, teamWorkspace } from "../../support/factories";
import { auditEvents } from "../../support/records";

describe("renaming a workspace", () => {
  it("validates the display name", () => {
    const errors = (displayName: unknown) => renameWorkspaceInput.safeParse({ displayName }).error?.issues[0]?.message;
    expect(errors("x")).toBe("Use at least 2 characters.");
    expect(errors("   ")).toBe("Use at least 2 characters.");
    expect(errors("y".repeat(61))).toBe("Use at most 60 characters.");
    expect(errors(undefined)).toBeDefined();
    expect(renameWorkspaceInput.parse({ displayName: "  Platform team  " })).toEqual({ displayName: "Platform team" });
  });

  it("changes the display name only, with an audit event; admins may, developers may not", async () => {
    const { owner, slug, workspace } = await teamWorkspace();
    const { user: admin } = await addMember(workspace.id, "ADMIN", { provision: true });
    const { user: developer } = await addMember(workspace.id, "DEVELOPER", { provision: true });

    await renameWorkspace(await signedInAs(owner.id, slug, "workspace.update"), { displayName: "Platform team" });
    await renameWorkspace(await signedInAs(admin.id, slug, "workspace.update"), { displayName: "Platform crew" });
    await expect(signedInAs(developer.id, slug, "workspace.update")).rejects.toMatchObject({ code: "FORBIDDEN" });

    const after = await db().workspace.findUniqueOrThrow({ where: { id: workspace.id } });
    expect(after).toMatchObject({ displayName: "Platform crew", slug });
    const events = await auditEvents(workspace.id, "workspace.update");
    expect(events.map((e) => [e.outcome, e.actorId, e.details])).toEqual([
      ["SUCCESS", owner.id, { displayName: { from: `Team ${slug}`, to: "Platform team" } }],
      ["SUCCESS", admin.id, { displayName: { from: "Platform team", to: "Platform crew" } }],
      ["DENIED", developer.id, { role: "DEVELOPER" }],
    ]);
  });
});
