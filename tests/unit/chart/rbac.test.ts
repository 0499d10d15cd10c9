import { describe, expect, it } from "vitest";
import type { KubernetesObject, V1ClusterRole, V1PolicyRule, V1Role } from "@kubernetes/client-node";
import type { Role } from "@/lib/authz/permissions";
import { ADMISSION_POLICY_OBJECTS } from "@/lib/tenancy/admission-policies";
import { API_FAIRNESS_OBJECTS } from "@/lib/tenancy/api-fairness";
import { KUBE_ROLE_RULES, kubeRoleName } from "@/lib/tenancy/kube-roles";
import { MEMBERS_NAMESPACE } from "@/lib/tenancy/kube-names";
import { renderChart } from "../../support/helm";

// The chart's least-privilege RBAC (docs/permissions.md) against the code that needs it.

const objects = renderChart().objects;
const find = <T extends KubernetesObject>(kind: string, name: string): T => {
  const found = objects.find((o) => o.kind === kind && o.metadata?.name === name);
  if (!found) throw new Error(`the chart renders no ${kind} ${name}`);
  return found as T;
};
const clusterRole = find<V1ClusterRole>("ClusterRole", "canopy");
const membersRole = find<V1Role>("Role", "canopy-members");

function resourceOf(apiVersion: string, kind: string): { group: string; resource: string } {
  const group = apiVersion.includes("/") ? apiVersion.split("/")[0]! : "";
  return { group, resource: `${kind.toLowerCase()}s`.replace(/ys$/, "ies") };
}

/** Whether the rules allow `verb` on `resource` (named `name`), as RBAC reads them. */
function allows(rules: V1PolicyRule[], group: string, resource: string, verb: string, name?: string): boolean {
  return rules.some(
    (r) =>
      (r.apiGroups ?? []).includes(group) &&
      (r.resources ?? []).includes(resource) &&
      r.verbs.includes(verb) &&
      (!r.resourceNames?.length || (name !== undefined && r.resourceNames.includes(name))),
  );
}

describe("the chart's ClusterRole", () => {
  it("uses no wildcard anywhere", () => {
    for (const rule of [...clusterRole.rules!, ...membersRole.rules!]) {
      for (const list of [rule.apiGroups, rule.resources, rule.verbs, rule.resourceNames, rule.nonResourceURLs]) {
        expect(list ?? []).not.toContain("*");
      }
    }
  });

  it("may apply every cluster-scoped platform object, by its name only", () => {
    for (const object of [...ADMISSION_POLICY_OBJECTS, ...API_FAIRNESS_OBJECTS]) {
      const { group, resource } = resourceOf(object.apiVersion!, object.kind!);
      expect(
        allows(clusterRole.rules!, group, resource, "patch", object.metadata!.name),
        `${resource} ${object.metadata!.name}`,
      ).toBe(true);
      // Positive control of the name check: another name of the same kind is refused.
      expect(allows(clusterRole.rules!, group, resource, "patch", "kube-system-policy")).toBe(false);
    }
  });

  it("may write and bind exactly the four tenant Roles without holding their permissions", () => {
    const names = (Object.keys(KUBE_ROLE_RULES) as Role[]).map(kubeRoleName);
    const rbac = "rbac.authorization.k8s.io";
    for (const name of names) {
      expect(allows(clusterRole.rules!, rbac, "roles", "escalate", name)).toBe(true);
      expect(allows(clusterRole.rules!, rbac, "roles", "bind", name)).toBe(true);
    }
    expect(allows(clusterRole.rules!, rbac, "roles", "escalate", "admin")).toBe(false);
    expect(allows(clusterRole.rules!, rbac, "clusterroles", "bind", "cluster-admin")).toBe(false);
    // It never holds what the tenant Roles grant: Secrets, exec.
    expect(allows(clusterRole.rules!, "", "secrets", "get")).toBe(false);
    expect(allows(clusterRole.rules!, "", "pods/exec", "create")).toBe(false);
  });

  it("impersonates ServiceAccounts only in the members' namespace", () => {
    expect(membersRole.metadata!.namespace).toBe(MEMBERS_NAMESPACE);
    expect(allows(membersRole.rules!, "", "serviceaccounts", "impersonate")).toBe(true);
    expect(allows(clusterRole.rules!, "", "serviceaccounts", "impersonate")).toBe(false);
    expect(allows(clusterRole.rules!, "", "users", "impersonate")).toBe(false);
  });

  it("binds the release's ServiceAccount, which the portal, the worker and no hook use", () => {
    const binding = find<KubernetesObject & { subjects: { name: string; namespace: string }[] }>(
      "ClusterRoleBinding",
      "canopy",
    );
    expect(binding.subjects).toEqual([{ kind: "ServiceAccount", name: "canopy", namespace: "canopy-system" }]);
    const accounts = objects
      .filter((o) => o.kind === "Deployment")
      .map(
        (o) =>
          (o as { spec: { template: { spec: { serviceAccountName?: string } } } }).spec.template.spec
            .serviceAccountName,
      );
    expect(accounts).toEqual(["canopy", "canopy"]);
  });
});
