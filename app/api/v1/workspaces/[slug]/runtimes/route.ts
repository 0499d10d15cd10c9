import { serve } from "@/lib/api/operation";
import { createRuntimeOperation, listRuntimesOperation } from "@/lib/api/v1/runtime-operations";

export const GET = serve(listRuntimesOperation);
export const POST = serve(createRuntimeOperation);
