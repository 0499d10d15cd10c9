import { serve } from "@/lib/api/operation";
import { revokeKubeconfigOperation } from "@/lib/api/v1/kubeconfig-operations";

export const DELETE = serve(revokeKubeconfigOperation);
