import type { AnyOperation } from "@/lib/api/operation";
import * as billing from "@/lib/api/v1/billing-operations";
import * as environments from "@/lib/api/v1/environment-operations";
import * as invitations from "@/lib/api/v1/invitation-operations";
import * as kubeconfigs from "@/lib/api/v1/kubeconfig-operations";
import * as runtimes from "@/lib/api/v1/runtime-operations";
import * as volumes from "@/lib/api/v1/volume-operations";
import * as workspaces from "@/lib/api/v1/workspace-operations";

/** Every operation of /api/v1: what the OpenAPI document describes (lib/api/openapi.ts). */
export const API_V1_OPERATIONS: AnyOperation[] = [
  workspaces.getWorkspaceOperation,
  workspaces.listMembersOperation,
  workspaces.getUsageOperation,
  environments.listEnvironmentsOperation,
  environments.createEnvironmentOperation,
  environments.renameEnvironmentOperation,
  environments.deleteEnvironmentOperation,
  environments.moveQuotaOperation,
  runtimes.listRuntimesOperation,
  runtimes.createRuntimeOperation,
  runtimes.getRuntimeOperation,
  runtimes.scaleRuntimeOperation,
  runtimes.stopRuntimeOperation,
  runtimes.startRuntimeOperation,
  runtimes.deleteRuntimeOperation,
  volumes.listVolumesOperation,
  volumes.createVolumeOperation,
  volumes.deleteVolumeOperation,
  invitations.listInvitationsOperation,
  invitations.createInvitationOperation,
  invitations.revokeInvitationOperation,
  kubeconfigs.issueKubeconfigOperation,
  kubeconfigs.listKubeconfigsOperation,
  kubeconfigs.revokeKubeconfigOperation,
  billing.listStatementsOperation,
];
