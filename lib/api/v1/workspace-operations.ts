import { z } from "zod";
import { defineOperation } from "@/lib/api/operation";
import { pageOf, pageQuery, paginate } from "@/lib/api/pagination";
import { memberResource, toMember, usageResource, workspaceResource } from "@/lib/api/v1/resources";
import { listMembers } from "@/lib/members/list-members";
import { readWorkspaceQuota } from "@/lib/runtimes/workspace-quota";
import { getWorkspaceDetails } from "@/lib/workspaces/get-workspace-details";

// The workspace itself, its members and its quota usage, read through the REST API.

export const getWorkspaceOperation = defineOperation({
  id: "getWorkspace",
  method: "GET",
  path: "/workspaces/{slug}",
  summary: "The token's workspace",
  tag: "Workspaces",
  permission: "workspace.read",
  response: workspaceResource,
  status: 200,
  handle: async (context) => {
    const details = await getWorkspaceDetails(context);
    return {
      slug: details.slug,
      displayName: details.displayName,
      kind: details.kind,
      namespace: details.namespace,
      plan: { id: details.plan.id, name: details.plan.name },
      createdAt: details.createdAt.toISOString(),
      role: context.membership.role,
    };
  },
});

export const listMembersOperation = defineOperation({
  id: "listMembers",
  method: "GET",
  path: "/workspaces/{slug}/members",
  summary: "The workspace's members, by user id",
  tag: "Members",
  permission: "member.list",
  query: pageQuery,
  response: pageOf(memberResource).meta({ id: "MemberPage" }),
  status: 200,
  handle: async (context, query) => {
    const page = paginate(await listMembers(context), (member) => member.userId, query);
    return { items: page.items.map(toMember), nextCursor: page.nextCursor };
  },
});

export const getUsageOperation = defineOperation({
  id: "getUsage",
  method: "GET",
  path: "/workspaces/{slug}/usage",
  summary: "The environment's quota usage (CPU, memory, pods, services)",
  tag: "Usage",
  inEnvironment: true,
  permission: "quota.read",
  query: z.object({}),
  response: usageResource,
  status: 200,
  handle: (context) => readWorkspaceQuota(context),
});
