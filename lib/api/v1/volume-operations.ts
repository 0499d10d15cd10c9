import { z } from "zod";
import { defineOperation } from "@/lib/api/operation";
import { pageOf, pageQuery, paginate } from "@/lib/api/pagination";
import { acceptedResource, toVolume, volumeResource } from "@/lib/api/v1/resources";
import { AppError } from "@/lib/errors/app-error";
import { createVolume } from "@/lib/storage/create-volume";
import { deleteVolume } from "@/lib/storage/delete-volume";
import { listVolumes } from "@/lib/storage/list-volumes";
import { createVolumeInput, existingVolumeName } from "@/lib/storage/volume-input";

// Volumes (PersistentVolumeClaims) through the REST API, over the console's domain functions.

const path = "/workspaces/{slug}/volumes";
const tag = "Volumes";

export const listVolumesOperation = defineOperation({
  id: "listVolumes",
  method: "GET",
  path,
  summary: "The workspace's volumes, by name",
  tag,
  inEnvironment: true,
  permission: "runtime.read",
  query: pageQuery,
  response: pageOf(volumeResource).meta({ id: "VolumePage" }),
  status: 200,
  handle: async (context, query) => {
    const page = paginate(await listVolumes(context), (volume) => volume.name, query);
    return { items: page.items.map(toVolume), nextCursor: page.nextCursor };
  },
});

export const createVolumeOperation = defineOperation({
  id: "createVolume",
  method: "POST",
  path,
  summary: "Create a volume (size such as 10Gi; the plan's storage classes)",
  tag,
  inEnvironment: true,
  permission: "runtime.write",
  body: createVolumeInput,
  response: volumeResource,
  status: 201,
  idempotent: true,
  handle: async (context, input) => {
    const { name } = await createVolume(context, input);
    const volume = (await listVolumes(context)).find((v) => v.name === name);
    if (!volume) throw AppError.notFound("The new volume");
    return toVolume(volume);
  },
});

export const deleteVolumeOperation = defineOperation({
  id: "deleteVolume",
  method: "DELETE",
  path: `${path}/{name}`,
  summary: "Delete a volume and its data (refused while a runtime mounts it)",
  tag,
  inEnvironment: true,
  permission: "runtime.write",
  params: z.object({ name: existingVolumeName }),
  response: acceptedResource,
  status: 202,
  handle: async (context, input) => {
    await deleteVolume(context, input);
    return { name: input.name, message: "Deleted.", warnings: [] };
  },
});
