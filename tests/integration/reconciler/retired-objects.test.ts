import { describe, expect, it } from "vitest";
import { reconcileAll } from "@/lib/tenancy/reconcile";
import { RETIRED_NETWORK_POLICIES } from "@/lib/tenancy/network-policies";
import {
  INSTANCE_LABEL,
  MANAGED_BY,
  MANAGED_BY_LABEL,
  WORKSPACE_ID_LABEL,
  canopyInstance,
} from "@/lib/tenancy/kube-names";
import { statusOf } from "../../support/kube";
import { networking, provisionedWorkspace } from "./support";

// A workspace provisioned by an earlier version still has that version's objects; ones the
// bundle no longer has would stay in force beside the new ones (NetworkPolicies add up, so
// the old allow-all egress policy would undo default-deny egress). The reconciler removes them.

describe("objects of earlier versions", () => {
  it("removes the retired allow-all egress policy and keeps the current ones", async () => {
    const provisioned = await provisionedWorkspace();
    const { namespace, workspace } = provisioned;
    const [retired] = RETIRED_NETWORK_POLICIES;
    // As the earlier version made it: egress anywhere but the cloud metadata address.
    await networking.createNamespacedNetworkPolicy({
      namespace,
      body: {
        metadata: {
          name: retired,
          labels: {
            [MANAGED_BY_LABEL]: MANAGED_BY,
            [INSTANCE_LABEL]: canopyInstance(),
            [WORKSPACE_ID_LABEL]: workspace.id,
          },
        },
        spec: {
          podSelector: {},
          policyTypes: ["Egress"],
          egress: [{ to: [{ ipBlock: { cidr: "0.0.0.0/0", except: ["169.254.169.254/32"] } }] }],
        },
      },
    });

    const summary = await reconcileAll();

    expect(summary.failed.filter((f) => f.workspaceId === workspace.id)).toEqual([]);
    expect(summary.changedObjects).toBeGreaterThanOrEqual(1);
    expect(await statusOf(() => networking.readNamespacedNetworkPolicy({ name: retired!, namespace }))).toEqual({
      code: 404,
      reason: "NotFound",
    });
    // Positive control: the current egress policy is there, untouched.
    const current = await networking.readNamespacedNetworkPolicy({ name: "canopy-egress", namespace });
    expect(current.spec?.policyTypes).toEqual(["Egress"]);
  });
});
