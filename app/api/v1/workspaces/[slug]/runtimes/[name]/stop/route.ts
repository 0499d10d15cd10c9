import { serve } from "@/lib/api/operation";
import { stopRuntimeOperation } from "@/lib/api/v1/runtime-operations";

export const POST = serve(stopRuntimeOperation);
