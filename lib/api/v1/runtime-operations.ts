import { defineOperation } from "@/lib/api/operation";
import { pageOf, pageQuery, paginate } from "@/lib/api/pagination";
import { acceptedResource, runtimeResource, toRuntime } from "@/lib/api/v1/resources";
import {
  deleteRuntime,
  runtimeRef,
  scaleRuntime,
  scaleRuntimeInput,
  startRuntime,
  stopRuntime,
} from "@/lib/runtimes/change-runtime";
import { createRuntime, createRuntimeInput } from "@/lib/runtimes/create-runtime";
import { getRuntime, listRuntimes } from "@/lib/runtimes/list-runtimes";

// Runtimes through the REST API: the same domain functions as the console's actions, so a
// create runs the same preflight (plan, quota, dry run as the member) and is refused with
// the same field errors.

const path = "/workspaces/{slug}/runtimes";
const tag = "Runtimes";

export const listRuntimesOperation = defineOperation({
  id: "listRuntimes",
  method: "GET",
  path,
  summary: "The workspace's runtimes, by name",
  tag,
  inEnvironment: true,
  permission: "runtime.read",
  query: pageQuery,
  response: pageOf(runtimeResource).meta({ id: "RuntimePage" }),
  status: 200,
  handle: async (context, query) => {
    const page = paginate(await listRuntimes(context), (runtime) => runtime.name, query);
    return { items: page.items.map(toRuntime), nextCursor: page.nextCursor };
  },
});

export const getRuntimeOperation = defineOperation({
  id: "getRuntime",
  method: "GET",
  path: `${path}/{name}`,
  summary: "One runtime",
  tag,
  inEnvironment: true,
  permission: "runtime.read",
  params: runtimeRef,
  response: runtimeResource,
  status: 200,
  handle: async (context, { name }) => toRuntime((await getRuntime(context, name)).runtime),
});

export const createRuntimeOperation = defineOperation({
  id: "createRuntime",
  method: "POST",
  path,
  summary: "Create a runtime, after the preflight (plan, quota, the cluster's dry run)",
  tag,
  inEnvironment: true,
  permission: "runtime.write",
  body: createRuntimeInput,
  response: runtimeResource,
  status: 201,
  idempotent: true,
  handle: async (context, input) => {
    const { name } = await createRuntime(context, input);
    return toRuntime((await getRuntime(context, name)).runtime);
  },
});

export const scaleRuntimeOperation = defineOperation({
  id: "scaleRuntime",
  method: "POST",
  path: `${path}/{name}/scale`,
  summary: "Set a runtime's number of replicas",
  tag,
  inEnvironment: true,
  permission: "runtime.write",
  params: runtimeRef,
  body: scaleRuntimeInput.pick({ replicas: true }),
  response: acceptedResource,
  status: 202,
  handle: async (context, input) => {
    const { warnings } = await scaleRuntime(context, input);
    return { name: input.name, message: `Scaling to ${input.replicas}.`, warnings };
  },
});

export const stopRuntimeOperation = defineOperation({
  id: "stopRuntime",
  method: "POST",
  path: `${path}/{name}/stop`,
  summary: "Stop a runtime (scale to zero, remembering its replicas)",
  tag,
  inEnvironment: true,
  permission: "runtime.write",
  params: runtimeRef,
  response: acceptedResource,
  status: 202,
  handle: async (context, input) => {
    await stopRuntime(context, input);
    return { name: input.name, message: "Stopping.", warnings: [] };
  },
});

export const startRuntimeOperation = defineOperation({
  id: "startRuntime",
  method: "POST",
  path: `${path}/{name}/start`,
  summary: "Start a stopped runtime with the replicas it had",
  tag,
  inEnvironment: true,
  permission: "runtime.write",
  params: runtimeRef,
  response: acceptedResource,
  status: 202,
  handle: async (context, input) => {
    await startRuntime(context, input);
    return { name: input.name, message: "Starting.", warnings: [] };
  },
});

export const deleteRuntimeOperation = defineOperation({
  id: "deleteRuntime",
  method: "DELETE",
  path: `${path}/{name}`,
  summary: "Delete a runtime with its pods, Service, Ingress and Secret",
  tag,
  inEnvironment: true,
  permission: "runtime.write",
  params: runtimeRef,
  response: acceptedResource,
  status: 202,
  handle: async (context, input) => {
    await deleteRuntime(context, input);
    return { name: input.name, message: "Deleting.", warnings: [] };
  },
});
