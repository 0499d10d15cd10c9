import { describe, expect, it } from "vitest";
import { can, ROLES } from "@/lib/authz/permissions";
import { KUBE_ROLE_RULES } from "@/lib/tenancy/kube-roles";

// The two walls agree on who may open a shell: the portal's runtime.exec permission and
// the cluster's pods/exec rule of each role's Kubernetes Role.

function clusterMayExec(role: (typeof ROLES)[number]): boolean {
  return KUBE_ROLE_RULES[role].some(
    (rule) =>
      (rule.apiGroups ?? []).includes("") &&
      (rule.resources ?? []).includes("pods/exec") &&
      (rule.verbs ?? []).includes("create"),
  );
}

describe("runtime.exec", () => {
  it("is given to exactly the roles whose Kubernetes Role may create pods/exec", () => {
    for (const role of ROLES) expect([role, can(role, "runtime.exec")]).toEqual([role, clusterMayExec(role)]);
  });

  it("is refused to viewers and given to developers (the two sides of the table above)", () => {
    expect(can("VIEWER", "runtime.exec")).toBe(false);
    expect(can("DEVELOPER", "runtime.exec")).toBe(true);
  });
});
