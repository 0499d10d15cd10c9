import { workspaceRoute } from "@/lib/actions/route";
import { issueKubeconfig, issueKubeconfigInput } from "@/lib/credentials/issue-kubeconfig";

// POST: issue a kubeconfig for the signed-in member of this workspace. The browser's
// "Download kubeconfig" and the isolation suite both use this route.
export const POST = workspaceRoute("kubeconfig.issue", issueKubeconfigInput, issueKubeconfig);
