import type { WorkspaceContext } from "@/lib/authz/context";
import { hasStatus } from "@/lib/kube/status";
import { readResourceQuota, type QuotaAmounts } from "@/lib/tenancy/resource-quota";
import { emptySlice, type Slice } from "@/lib/environments/quota-slices";

// What an environment's workloads already hold of each quota key, in plan units (rounded
// up), from its namespace's ResourceQuota status, read as the member (every role may read
// quotas). CPU and memory count the larger of requests and limits: the slice caps both.

const MIB = 1024 * 1024;
const GIB = 1024 * MIB;

function planUnits(used: QuotaAmounts): Slice {
  const of = (key: string) => used[key] ?? 0;
  return {
    cpu: Math.ceil(Math.max(of("requests.cpu"), of("limits.cpu")) * 1000 - 1e-9),
    memory: Math.ceil(Math.max(of("requests.memory"), of("limits.memory")) / MIB),
    storage: Math.ceil(of("requests.storage") / GIB),
    pods: of("pods"),
    volumes: of("persistentvolumeclaims"),
    services: of("services"),
  };
}

/** The usage in `namespace` (one of the workspace's); nothing when it has no quota yet (a new environment). */
export async function environmentUsage(context: WorkspaceContext, namespace: string): Promise<Slice> {
  try {
    return planUnits((await readResourceQuota({ ...context, namespace })).used);
  } catch (error) {
    if (hasStatus(error, 404)) return emptySlice();
    throw error;
  }
}
