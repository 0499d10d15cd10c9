import { serve } from "@/lib/api/operation";
import { getUsageOperation } from "@/lib/api/v1/workspace-operations";

export const GET = serve(getUsageOperation);
