import { serve } from "@/lib/api/operation";
import { listStatementsOperation } from "@/lib/api/v1/billing-operations";

export const GET = serve(listStatementsOperation);
