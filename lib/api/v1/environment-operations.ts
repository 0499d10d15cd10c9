import { z } from "zod";
import { defineOperation } from "@/lib/api/operation";
import { pageOf, pageQuery, paginate } from "@/lib/api/pagination";
import { acceptedResource } from "@/lib/api/v1/resources";
import { AppError } from "@/lib/errors/app-error";
import { createEnvironment, createEnvironmentInput } from "@/lib/environments/create-environment";
import { deleteEnvironment } from "@/lib/environments/delete-environment";
import { environmentDisplayNameSchema, environmentRefSchema } from "@/lib/environments/environment-name";
import { listEnvironments, type EnvironmentSummary } from "@/lib/environments/list-environments";
import { moveQuota, moveQuotaInput, previewQuotaMove } from "@/lib/environments/move-quota";
import type { Slice } from "@/lib/environments/quota-slices";
import { renameEnvironment } from "@/lib/environments/rename-environment";
import type { WorkspaceContext } from "@/lib/authz/context";

// A workspace's environments through the REST API, over the console's domain functions
// (lib/environments/): list with each one's slice of the quota and what it uses, create,
// rename, delete, and move quota between them (with a preview that writes nothing). All are
// workspace-wide: a token scoped to one environment is refused by the guard.

const path = "/workspaces/{slug}/environments";
const tag = "Environments";

const count = (what: string) => z.number().int().describe(what);
export const quotaSliceResource = z
  .object({
    cpuMillis: count("CPU, in millicores."),
    memoryMiB: count("Memory, in MiB."),
    storageGiB: count("Volume storage, in GiB."),
    pods: count("Pods."),
    volumes: count("Volumes (PersistentVolumeClaims)."),
    services: count("Services."),
  })
  .meta({ id: "QuotaSlice" });

export const environmentResource = z
  .object({
    name: z.string().describe("The environment's name: `?environment=` on runtimes, volumes, usage, kubeconfigs."),
    displayName: z.string(),
    namespace: z.string(),
    slice: quotaSliceResource.describe("Its share of the workspace's quota (the default one: what the others leave)."),
    used: quotaSliceResource.nullable().describe("What its workloads hold now; null when it could not be read."),
  })
  .meta({ id: "Environment" });

export const quotaMoveResource = z
  .object({
    preview: z.boolean().describe("True when nothing was changed."),
    moved: quotaSliceResource,
    environments: z.array(
      z.object({
        name: z.string(),
        displayName: z.string(),
        before: quotaSliceResource,
        after: quotaSliceResource,
        used: quotaSliceResource.nullable().describe("What the source environment holds (null for the others)."),
      }),
    ),
  })
  .meta({ id: "QuotaMove" });

function toSlice(slice: Slice): z.input<typeof quotaSliceResource> {
  return {
    cpuMillis: slice.cpu,
    memoryMiB: slice.memory,
    storageGiB: slice.storage,
    pods: slice.pods,
    volumes: slice.volumes,
    services: slice.services,
  };
}

function toEnvironment(summary: EnvironmentSummary): z.input<typeof environmentResource> {
  return {
    name: summary.environment,
    displayName: summary.displayName,
    namespace: summary.namespace,
    slice: toSlice(summary.slice),
    used: summary.used ? toSlice(summary.used) : null,
  };
}

async function environmentNamed(context: WorkspaceContext, name: string) {
  const found = (await listEnvironments(context)).environments.find((e) => e.environment === name);
  if (!found) throw AppError.notFound("Environment");
  return toEnvironment(found);
}

const environmentParams = z.object({ environment: environmentRefSchema });

export const listEnvironmentsOperation = defineOperation({
  id: "listEnvironments",
  method: "GET",
  path,
  summary: "The workspace's environments, by name, each with its slice of the quota and its usage",
  tag,
  permission: "workspace.read",
  query: pageQuery,
  response: pageOf(environmentResource)
    .extend({ total: quotaSliceResource.describe("The workspace's whole quota, which the slices add up to.") })
    .meta({ id: "EnvironmentPage" }),
  status: 200,
  handle: async (context, query) => {
    const { total, environments } = await listEnvironments(context);
    const page = paginate(environments, (e) => e.environment, query);
    return { items: page.items.map(toEnvironment), nextCursor: page.nextCursor, total: toSlice(total) };
  },
});

export const createEnvironmentOperation = defineOperation({
  id: "createEnvironment",
  method: "POST",
  path,
  summary: "Create an environment: a namespace with the whole isolation bundle and an empty slice (move quota to it)",
  tag,
  permission: "environment.manage",
  body: createEnvironmentInput,
  response: environmentResource,
  status: 201,
  idempotent: true,
  handle: async (context, input) => {
    const { environment } = await createEnvironment(context, input);
    return environmentNamed(context, environment);
  },
});

export const renameEnvironmentOperation = defineOperation({
  id: "renameEnvironment",
  method: "PATCH",
  path: `${path}/{environment}`,
  summary: "Change an environment's display name (its name and namespace never change)",
  tag,
  permission: "environment.manage",
  params: environmentParams,
  body: z.object({ displayName: environmentDisplayNameSchema }),
  response: environmentResource,
  status: 200,
  handle: async (context, input) => {
    await renameEnvironment(context, input);
    return environmentNamed(context, input.environment);
  },
});

export const deleteEnvironmentOperation = defineOperation({
  id: "deleteEnvironment",
  method: "DELETE",
  path: `${path}/{environment}`,
  summary:
    "Delete an environment with everything in its namespace; its quota returns to the default one and " +
    "API tokens scoped to it are revoked",
  tag,
  permission: "environment.manage",
  params: environmentParams,
  response: acceptedResource,
  status: 202,
  handle: async (context, { environment }) => {
    // The path names the environment: that is the confirmation the console asks to be typed.
    await deleteEnvironment(context, { environment, confirm: environment });
    return { name: environment, message: "Deleting.", warnings: [] };
  },
});

export const moveQuotaOperation = defineOperation({
  id: "moveQuota",
  method: "POST",
  path: "/workspaces/{slug}/quota-moves",
  summary:
    "Move quota from one environment to another (amounts as strings: CPU in cores, memory and storage in GiB, " +
    "the others as counts); with `preview: true`, the split before and after, changing nothing",
  tag,
  permission: "environment.manage",
  body: moveQuotaInput.extend({
    preview: z.boolean({ message: "Use true or false." }).default(false).describe("Answer the split, change nothing."),
  }),
  response: quotaMoveResource,
  status: 200,
  idempotent: true,
  handle: async (context, { preview, ...input }) => {
    const result = preview ? await previewQuotaMove(context, input) : await moveQuota(context, input);
    return {
      preview,
      moved: toSlice(result.moved),
      environments: result.environments.map((e) => ({
        name: e.environment,
        displayName: e.displayName,
        before: toSlice(e.before),
        after: toSlice(e.after),
        used: e.environment === input.from ? toSlice(e.used) : null,
      })),
    };
  },
});
