import { z } from "zod";
import { ROLES } from "@/lib/authz/permissions";
import type { MemberSummary } from "@/lib/members/list-members";
import type { RuntimeSummary } from "@/lib/runtimes/list-runtimes";
import type { VolumeSummary } from "@/lib/storage/list-volumes";

// What the REST API answers with: one zod schema per resource (the OpenAPI document's
// components, lib/api/openapi.ts) and the mapping from the domain's summaries. The API's
// shapes are its own, so the console's summaries can change without breaking clients.

const timestamp = z.iso.datetime({ offset: true });

export const workspaceResource = z
  .object({
    slug: z.string(),
    displayName: z.string(),
    kind: z.enum(["PERSONAL", "TEAM"]),
    namespace: z.string(),
    plan: z.object({ id: z.string(), name: z.string() }),
    createdAt: timestamp,
    /** The role this token acts with: min(the token's role, the member's role). */
    role: z.enum(ROLES),
  })
  .meta({ id: "Workspace" });

export const memberResource = z
  .object({
    userId: z.string(),
    name: z.string().nullable(),
    email: z.string().nullable(),
    role: z.enum(ROLES),
    joinedAt: timestamp,
  })
  .meta({ id: "Member" });

export function toMember(member: MemberSummary): z.input<typeof memberResource> {
  return {
    userId: member.userId,
    name: member.name,
    email: member.email,
    role: member.role,
    joinedAt: member.joinedAt.toISOString(),
  };
}

export const runtimeResource = z
  .object({
    name: z.string(),
    image: z.string(),
    runtimeClass: z.string(),
    cpuMillis: z.number().int(),
    memoryMiB: z.number().int(),
    replicas: z.number().int().describe("Desired replicas (0 when stopped)."),
    readyReplicas: z.number().int(),
    phase: z.enum(["Running", "Starting", "Updating", "Stopped", "Suspended", "Failing", "Deleting"]),
    ports: z.array(z.number().int()),
    host: z.string().nullable().describe("The public endpoint's host, if any."),
    createdAt: timestamp.nullable(),
  })
  .meta({ id: "Runtime" });

export function toRuntime(runtime: RuntimeSummary): z.input<typeof runtimeResource> {
  return {
    name: runtime.name,
    image: runtime.image,
    runtimeClass: runtime.runtimeClass,
    cpuMillis: runtime.cpuMillis,
    memoryMiB: runtime.memoryMiB,
    replicas: runtime.desired,
    readyReplicas: runtime.ready,
    phase: runtime.phase,
    ports: runtime.ports,
    host: runtime.host,
    createdAt: runtime.createdAt,
  };
}

export const volumeResource = z
  .object({
    name: z.string(),
    status: z.string().describe("Pending, Bound, Lost, or Terminating."),
    requestedBytes: z.number().int(),
    capacityBytes: z.number().int().nullable(),
    storageClass: z.string().nullable(),
    accessModes: z.array(z.string()),
    volumeMode: z.string(),
    mountedBy: z.array(z.object({ kind: z.enum(["runtime", "deployment", "pod"]), name: z.string() })),
    createdAt: timestamp.nullable(),
  })
  .meta({ id: "Volume" });

export function toVolume(volume: VolumeSummary): z.input<typeof volumeResource> {
  return {
    name: volume.name,
    status: volume.status,
    requestedBytes: volume.requestedBytes,
    capacityBytes: volume.capacityBytes,
    storageClass: volume.storageClass,
    accessModes: volume.accessModes,
    volumeMode: volume.volumeMode,
    mountedBy: volume.mountedBy,
    createdAt: volume.createdAt ? volume.createdAt.toISOString() : null,
  };
}

const amount = z.object({ used: z.number().int(), hard: z.number().int() });

export const usageResource = z
  .object({ cpuMillis: amount, memoryMiB: amount, pods: amount, services: amount })
  .describe("The workspace's quota: what is used and the limit.")
  .meta({ id: "Usage" });

/** The answer to a change that the cluster carries out after the request (scale, stop, delete). */
export const acceptedResource = z
  .object({ name: z.string(), message: z.string(), warnings: z.array(z.string()) })
  .meta({ id: "Accepted" });
