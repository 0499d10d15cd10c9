import { z } from "zod";
import { workspaceGetRoute } from "@/lib/actions/route";
import { readWorkspaceQuota } from "@/lib/runtimes/workspace-quota";

// GET: the workspace's quota, used and limit (millicores, MiB, counts), read as the member.
export const GET = workspaceGetRoute("quota.read", z.object({}), (context) => readWorkspaceQuota(context));
