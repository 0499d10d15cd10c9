import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { serverSideApply } from "@/lib/kube/apply";
import { adminObjectApi } from "@/lib/kube/client";
import { namespaceObject } from "@/lib/tenancy/workspace-bundle";

/**
 * Brings the public-host allow-list on the workspace's namespace (read by the Ingress
 * admission policy) in line with its PublicEndpoint rows. Only the namespace object, which
 * carries the list, is applied (the same object provisionWorkspace applies first), not the
 * whole bundle: reserving or releasing a host touches nothing else.
 */
export async function syncPublicHosts(workspaceId: string): Promise<void> {
  const workspace = await db().workspace.findUnique({
    where: { id: workspaceId },
    select: {
      id: true,
      deletedAt: true,
      plan: true,
      namespaces: { where: { environment: "default" }, select: { name: true } },
      publicEndpoints: { select: { host: true } },
      billingHold: { select: { suspendedAt: true } },
      operatorSuspension: { select: { since: true } },
    },
  });
  if (!workspace || workspace.deletedAt) throw AppError.notFound("Workspace");
  const namespace = workspace.namespaces[0]?.name;
  if (!namespace) throw new AppError("INTERNAL", "The workspace has no namespace.");
  const hosts = workspace.publicEndpoints.map((endpoint) => endpoint.host);
  // The namespace also carries the billing hold's label: applied without it, the hold would lift.
  const held = Boolean(workspace.billingHold?.suspendedAt) || workspace.operatorSuspension !== null;
  await serverSideApply(adminObjectApi(), [namespaceObject(workspace.id, namespace, workspace.plan, hosts, held)]);
}
