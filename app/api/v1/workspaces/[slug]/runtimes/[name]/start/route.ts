import { serve } from "@/lib/api/operation";
import { startRuntimeOperation } from "@/lib/api/v1/runtime-operations";

export const POST = serve(startRuntimeOperation);
