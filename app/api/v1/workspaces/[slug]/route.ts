import { serve } from "@/lib/api/operation";
import { getWorkspaceOperation } from "@/lib/api/v1/workspace-operations";

export const GET = serve(getWorkspaceOperation);
