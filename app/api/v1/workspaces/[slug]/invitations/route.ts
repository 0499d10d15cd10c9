import { serve } from "@/lib/api/operation";
import { createInvitationOperation, listInvitationsOperation } from "@/lib/api/v1/invitation-operations";

export const GET = serve(listInvitationsOperation);
export const POST = serve(createInvitationOperation);
