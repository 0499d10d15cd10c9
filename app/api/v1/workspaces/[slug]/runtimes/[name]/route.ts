import { serve } from "@/lib/api/operation";
import { deleteRuntimeOperation, getRuntimeOperation } from "@/lib/api/v1/runtime-operations";

export const GET = serve(getRuntimeOperation);
export const DELETE = serve(deleteRuntimeOperation);
