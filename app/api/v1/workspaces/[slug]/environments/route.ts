import { serve } from "@/lib/api/operation";
import { createEnvironmentOperation, listEnvironmentsOperation } from "@/lib/api/v1/environment-operations";

export const GET = serve(listEnvironmentsOperation);
export const POST = serve(createEnvironmentOperation);
