import { serve } from "@/lib/api/operation";
import { deleteEnvironmentOperation, renameEnvironmentOperation } from "@/lib/api/v1/environment-operations";

export const PATCH = serve(renameEnvironmentOperation);
export const DELETE = serve(deleteEnvironmentOperation);
