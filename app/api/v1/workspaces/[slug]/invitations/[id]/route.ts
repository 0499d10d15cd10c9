import { serve } from "@/lib/api/operation";
import { revokeInvitationOperation } from "@/lib/api/v1/invitation-operations";

export const DELETE = serve(revokeInvitationOperation);
