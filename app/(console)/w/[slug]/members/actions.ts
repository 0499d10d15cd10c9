"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { workspaceAction } from "@/lib/actions/action";
import { changeMemberRole, changeMemberRoleInput } from "@/lib/members/change-member-role";
import { leaveWorkspace, leaveWorkspaceInput } from "@/lib/members/leave-workspace";
import { removeMember, removeMemberInput } from "@/lib/members/remove-member";

export const changeMemberRoleAction = workspaceAction(
  "member.changeRole",
  changeMemberRoleInput,
  async (ctx, input) => {
    const result = await changeMemberRole(ctx, input);
    revalidatePath(`/w/${ctx.workspace.slug}`, "layout");
    return result;
  },
);

export const removeMemberAction = workspaceAction("member.remove", removeMemberInput, async (ctx, input) => {
  await removeMember(ctx, input);
  revalidatePath(`/w/${ctx.workspace.slug}/members`);
  return null;
});

export const leaveWorkspaceAction = workspaceAction("member.leave", leaveWorkspaceInput, async (ctx) => {
  await leaveWorkspace(ctx);
  revalidatePath("/", "layout");
  redirect("/dashboard");
});
