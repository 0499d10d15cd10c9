import { serve } from "@/lib/api/operation";
import { listMembersOperation } from "@/lib/api/v1/workspace-operations";

export const GET = serve(listMembersOperation);
