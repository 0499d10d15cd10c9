import { z } from "zod";
import { defineOperation } from "@/lib/api/operation";
import { pageOf, pageQuery, paginate } from "@/lib/api/pagination";
import { acceptedResource } from "@/lib/api/v1/resources";
import { issueKubeconfig, issueKubeconfigInput } from "@/lib/credentials/issue-kubeconfig";
import { listKubeconfigs } from "@/lib/credentials/list-kubeconfigs";
import { revokeKubeconfig } from "@/lib/credentials/revoke-kubeconfig";

// Kubeconfigs through the REST API, for the token's own member, over lib/credentials: issue
// one in the environment `?environment=` names (only with a token that holds the member's
// whole role and is not limited to one environment: kubeconfig-by-token.ts), list and revoke
// the member's own. Issuing takes no Idempotency-Key: replaying would mean storing the
// credential; a retried request makes a second kubeconfig, which the member can revoke.

const path = "/workspaces/{slug}/kubeconfigs";
const tag = "Kubeconfigs";
const timestamp = z.iso.datetime({ offset: true });

export const kubeconfigResource = z
  .object({
    id: z.string(),
    label: z.string(),
    status: z.enum(["active", "expired", "revoked"]),
    createdAt: timestamp,
    expiresAt: timestamp,
    revokedAt: timestamp.nullable(),
  })
  .meta({ id: "Kubeconfig" });

export const issuedKubeconfigResource = z
  .object({
    id: z.string(),
    label: z.string(),
    environment: z.string(),
    namespace: z.string().describe("The kubeconfig context's namespace: the environment's."),
    filename: z.string(),
    expiresAt: timestamp,
    capped: z.boolean().describe("The lifetime asked for was above the operator's maximum and was shortened."),
    kubeconfig: z.string().describe("The kubeconfig file (YAML) with its token: returned only now, never stored."),
  })
  .meta({ id: "IssuedKubeconfig" });

export const issueKubeconfigOperation = defineOperation({
  id: "issueKubeconfig",
  method: "POST",
  path,
  summary:
    "Issue a kubeconfig for the token's member in the environment (a token with the member's whole role, " +
    "not limited to one environment)",
  tag,
  inEnvironment: true,
  permission: "kubeconfig.issue",
  body: issueKubeconfigInput,
  response: issuedKubeconfigResource,
  status: 201,
  handle: async (context, input) => {
    const issued = await issueKubeconfig(context, input);
    return {
      id: issued.credentialId,
      label: input.label,
      environment: context.environment,
      namespace: context.namespace,
      filename: issued.filename,
      expiresAt: issued.expiresAt.toISOString(),
      capped: issued.capped,
      kubeconfig: issued.kubeconfig,
    };
  },
});

export const listKubeconfigsOperation = defineOperation({
  id: "listKubeconfigs",
  method: "GET",
  path,
  summary: "The token's member's own kubeconfigs in this workspace, by id",
  tag,
  permission: "kubeconfig.issue",
  query: pageQuery,
  response: pageOf(kubeconfigResource).meta({ id: "KubeconfigPage" }),
  status: 200,
  handle: async (context, query) => {
    const page = paginate(await listKubeconfigs(context, new Date(), { own: true }), (k) => k.id, query);
    return {
      items: page.items.map((k) => ({
        id: k.id,
        label: k.label,
        status: k.status,
        createdAt: k.createdAt.toISOString(),
        expiresAt: k.expiresAt.toISOString(),
        revokedAt: k.revokedAt ? k.revokedAt.toISOString() : null,
      })),
      nextCursor: page.nextCursor,
    };
  },
});

export const revokeKubeconfigOperation = defineOperation({
  id: "revokeKubeconfig",
  method: "DELETE",
  path: `${path}/{id}`,
  summary: "Revoke one of the member's own kubeconfigs: the cluster refuses its token from then on",
  tag,
  permission: "kubeconfig.issue",
  params: z.object({ id: z.string().min(1, "Name the kubeconfig.").max(64, "That is not a kubeconfig id.") }),
  response: acceptedResource,
  status: 202,
  handle: async (context, { id }) => {
    const { label } = await revokeKubeconfig(context, { credentialId: id }, { own: true });
    return { name: label, message: "Revoked.", warnings: [] };
  },
});
