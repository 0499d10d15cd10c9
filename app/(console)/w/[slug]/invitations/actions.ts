"use server";

import { revalidatePath } from "next/cache";
import { workspaceAction } from "@/lib/actions/action";
import { inviteMember, inviteMemberInput } from "@/lib/invitations/invite-member";
import { resendInvitation, resendInvitationInput } from "@/lib/invitations/resend-invitation";
import { revokeInvitation, revokeInvitationInput } from "@/lib/invitations/revoke-invitation";

export const inviteMemberAction = workspaceAction("member.invite", inviteMemberInput, async (context, input) => {
  const issued = await inviteMember(context, input);
  revalidatePath(`/w/${context.workspace.slug}/invitations`);
  return { email: issued.email, link: issued.link, delivery: issued.delivery };
});

export const revokeInvitationAction = workspaceAction(
  "invitation.manage",
  revokeInvitationInput,
  async (context, input) => {
    const revoked = await revokeInvitation(context, input);
    revalidatePath(`/w/${context.workspace.slug}/invitations`);
    return revoked;
  },
);

export const resendInvitationAction = workspaceAction(
  "invitation.manage",
  resendInvitationInput,
  async (context, input) => {
    const issued = await resendInvitation(context, input);
    revalidatePath(`/w/${context.workspace.slug}/invitations`);
    return { email: issued.email, link: issued.link, delivery: issued.delivery };
  },
);
