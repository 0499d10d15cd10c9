"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { userAction } from "@/lib/actions/action";
import { acceptInvitation, acceptInvitationInput } from "@/lib/invitations/accept-invitation";
import { declineInvitation, declineInvitationInput } from "@/lib/invitations/decline-invitation";

// The invitee is not a member yet, so these are user actions: the invitation itself
// (found by its token's hash, bound to the verified email) is what authorizes them.

export const acceptInvitationAction = userAction("invitation.accept", acceptInvitationInput, async (actor, input) => {
  const { slug } = await acceptInvitation(actor, input);
  revalidatePath("/", "layout"); // the workspace switcher lists the new workspace
  redirect(`/w/${slug}`);
});

export const declineInvitationAction = userAction(
  "invitation.decline",
  declineInvitationInput,
  async (actor, input) => {
    return declineInvitation(actor, input);
  },
);
