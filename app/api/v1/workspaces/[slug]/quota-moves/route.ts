import { serve } from "@/lib/api/operation";
import { moveQuotaOperation } from "@/lib/api/v1/environment-operations";

export const POST = serve(moveQuotaOperation);
