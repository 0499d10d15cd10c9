import { serve } from "@/lib/api/operation";
import { scaleRuntimeOperation } from "@/lib/api/v1/runtime-operations";

export const POST = serve(scaleRuntimeOperation);
