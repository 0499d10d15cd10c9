import * as k8s from "@kubernetes/client-node";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { adminApi } from "@/lib/kube/client";
import { MEMBERS_NAMESPACE, memberRoleBindingName, memberServiceAccountName } from "@/lib/tenancy/kube-names";
import { provisionWorkspace } from "@/lib/tenancy/provision-workspace";
import { addMember, teamWorkspace } from "../../support/factories";
import { statusOf } from "../../support/kube";

// Applies of one workspace race whenever members join, leave or change role at once (two
// invitations accepted together, a removal while the reconciler passes). Each apply must
// leave exactly the identities of the memberships that exist: it must neither prune a
// member who joined during it nor put back one who left during it.

const core = adminApi(k8s.CoreV1Api);
const rbac = adminApi(k8s.RbacAuthorizationV1Api);

async function identityOf(namespace: string, membershipId: string) {
  const [account, binding] = await Promise.all([
    statusOf(() =>
      core.readNamespacedServiceAccount({ name: memberServiceAccountName(membershipId), namespace: MEMBERS_NAMESPACE }),
    ),
    statusOf(() => rbac.readNamespacedRoleBinding({ name: memberRoleBindingName(membershipId), namespace })),
  ]);
  return { account: account?.code ?? 200, binding: binding?.code ?? 200 };
}

describe("concurrent applies of one workspace", () => {
  it("keeps every member who joined at once", async () => {
    const a = await teamWorkspace({ prefix: "concurrent-join" });
    const joined = await Promise.all(
      Array.from({ length: 6 }, () => addMember(a.workspace.id, "DEVELOPER", { provision: true })),
    );
    for (const { membership } of joined) {
      expect(await identityOf(a.namespace, membership.id)).toEqual({ account: 200, binding: 200 });
    }
  });

  it("never puts back a member removed while others join", async () => {
    const a = await teamWorkspace({ prefix: "concurrent-leave" });
    const leaving = await Promise.all(
      Array.from({ length: 3 }, () => addMember(a.workspace.id, "DEVELOPER", { provision: true })),
    );
    // Removals and arrivals at the same moment, each followed by its own apply.
    const arriving = await Promise.all([
      ...leaving.map(async ({ membership }) => {
        await db().membership.delete({ where: { id: membership.id } });
        await provisionWorkspace(a.workspace.id);
        return undefined;
      }),
      ...Array.from({ length: 3 }, () => addMember(a.workspace.id, "DEVELOPER", { provision: true })),
    ]);
    for (const { membership } of leaving) {
      expect(await identityOf(a.namespace, membership.id)).toEqual({ account: 404, binding: 404 });
    }
    // The control: those who arrived meanwhile have their identity.
    for (const member of arriving) {
      if (member) expect(await identityOf(a.namespace, member.membership.id)).toEqual({ account: 200, binding: 200 });
    }
  });
});
