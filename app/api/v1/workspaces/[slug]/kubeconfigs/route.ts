import { serve } from "@/lib/api/operation";
import { issueKubeconfigOperation, listKubeconfigsOperation } from "@/lib/api/v1/kubeconfig-operations";

export const GET = serve(listKubeconfigsOperation);
export const POST = serve(issueKubeconfigOperation);
