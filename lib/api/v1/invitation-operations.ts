import { z } from "zod";
import { defineOperation } from "@/lib/api/operation";
import { pageOf, pageQuery, paginate } from "@/lib/api/pagination";
import { acceptedResource } from "@/lib/api/v1/resources";
import { ROLES } from "@/lib/authz/permissions";
import { inviteMember, inviteMemberInput } from "@/lib/invitations/invite-member";
import { listInvitations } from "@/lib/invitations/list-invitations";
import { revokeInvitation } from "@/lib/invitations/revoke-invitation";

// Invitations through the REST API: the console's domain functions, so a token invites
// with a role no higher than the role it acts with, under the same rate limits.

const path = "/workspaces/{slug}/invitations";
const tag = "Invitations";
const timestamp = z.iso.datetime({ offset: true });

export const invitationResource = z
  .object({
    id: z.string(),
    email: z.string(),
    role: z.enum(ROLES),
    status: z.enum(["pending", "expired"]),
    expiresAt: timestamp,
    createdAt: timestamp,
    invitedByName: z.string().nullable(),
  })
  .meta({ id: "Invitation" });

export const issuedInvitationResource = z
  .object({
    id: z.string(),
    email: z.string(),
    role: z.enum(ROLES),
    expiresAt: timestamp,
    link: z
      .string()
      .nullable()
      .describe(
        "The invitation link with its secret: returned only now, never stored. Null in a replay (Idempotent-Replayed: true): the link cannot be shown again: revoke the invitation and invite anew, or resend it from the Members page.",
      ),
    delivery: z.enum(["sent", "failed", "outbox"]),
  })
  .meta({ id: "IssuedInvitation" });

export const listInvitationsOperation = defineOperation({
  id: "listInvitations",
  method: "GET",
  path,
  summary: "The workspace's open invitations (pending or expired), by id",
  tag,
  permission: "invitation.manage",
  query: pageQuery,
  response: pageOf(invitationResource).meta({ id: "InvitationPage" }),
  status: 200,
  handle: async (context, query) => {
    const page = paginate(await listInvitations(context), (invitation) => invitation.id, query);
    return {
      items: page.items.map((i) => ({
        id: i.id,
        email: i.email,
        role: i.role,
        status: i.status,
        expiresAt: i.expiresAt.toISOString(),
        createdAt: i.createdAt.toISOString(),
        invitedByName: i.invitedByName,
      })),
      nextCursor: page.nextCursor,
    };
  },
});

export const createInvitationOperation = defineOperation({
  id: "createInvitation",
  method: "POST",
  path,
  summary: "Invite an email address with a role up to the token's",
  tag,
  permission: "member.invite",
  body: inviteMemberInput,
  response: issuedInvitationResource,
  status: 201,
  idempotent: true,
  replayable: (issued) => ({ ...issued, link: null }),
  handle: async (context, input) => {
    const issued = await inviteMember(context, input);
    return {
      id: issued.invitationId,
      email: issued.email,
      role: issued.role,
      expiresAt: issued.expiresAt.toISOString(),
      link: issued.link,
      delivery: issued.delivery,
    };
  },
});

export const revokeInvitationOperation = defineOperation({
  id: "revokeInvitation",
  method: "DELETE",
  path: `${path}/{id}`,
  summary: "Revoke an open invitation: its link stops working",
  tag,
  permission: "invitation.manage",
  params: z.object({ id: z.string().min(1, "Name the invitation.").max(64, "That is not an invitation id.") }),
  response: acceptedResource,
  status: 202,
  handle: async (context, { id }) => {
    const { email } = await revokeInvitation(context, { invitationId: id });
    return { name: email, message: "Revoked.", warnings: [] };
  },
});
