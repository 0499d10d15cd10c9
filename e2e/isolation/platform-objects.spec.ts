import { expect, test } from "@playwright/test";
import type { Role } from "@/lib/authz/permissions";
import {
  MEMBERS_NAMESPACE,
  memberRoleBindingName,
  memberServiceAccountName,
  QUOTA_NAME,
} from "@/lib/tenancy/kube-names";
import { kubeRoleName } from "@/lib/tenancy/kube-roles";
import { adminKube, apiPath, MERGE_PATCH, type MemberKube } from "./fixtures/kube";
import { expectAllowed, expectForbiddenByRbac, rbacDenial, RefusalTable } from "./fixtures/refusals";
import {
  kubeconfigsByRole,
  openPortal,
  removeWorkspaces,
  teamWorkspace,
  type Member,
  type Portal,
  type TestWorkspace,
} from "./fixtures/workspaces";

// The platform's guard rails inside a workspace namespace (quota, limits, network
// policies, RBAC) are out of every tenant role's reach, the owner's included: each attempt
// to change them, to grant oneself more or to relabel the namespace is refused with 403,
// and the objects are unchanged afterwards. (The members' identities in canopy-members:
// member-identities.spec.ts.)

test.describe.configure({ mode: "serial" });

const RBAC = "rbac.authorization.k8s.io";
const NETWORKING = "networking.k8s.io";

interface PlatformObject {
  group: string;
  resource: string;
  name: string;
  /** A change that would loosen the guard rail, sent as the updated object. */
  loosen: (object: Record<string, unknown>) => Record<string, unknown>;
}

function platformObjects(member: Member): PlatformObject[] {
  const spec = (value: unknown) => (object: Record<string, unknown>) => ({ ...object, spec: value });
  return [
    { group: "", resource: "resourcequotas", name: QUOTA_NAME, loosen: spec({ hard: { pods: "100000" } }) },
    { group: "", resource: "limitranges", name: "canopy-limits", loosen: spec({ limits: [] }) },
    {
      group: NETWORKING,
      resource: "networkpolicies",
      name: "canopy-same-namespace-ingress",
      loosen: spec({ podSelector: {}, policyTypes: ["Ingress"], ingress: [{}] }),
    },
    {
      group: NETWORKING,
      resource: "networkpolicies",
      name: "canopy-ingress-controller",
      loosen: spec({ podSelector: {}, policyTypes: ["Ingress"], ingress: [{}] }),
    },
    {
      group: NETWORKING,
      resource: "networkpolicies",
      name: "canopy-egress",
      loosen: spec({ podSelector: {}, policyTypes: ["Egress"], egress: [{}] }),
    },
    {
      group: RBAC,
      resource: "rolebindings",
      name: memberRoleBindingName(member.membershipId),
      loosen: (object) => ({ ...object, metadata: { ...(object.metadata as object), labels: {} } }),
    },
    {
      group: RBAC,
      resource: "roles",
      name: kubeRoleName(member.role),
      loosen: (object) => ({ ...object, rules: [{ apiGroups: ["*"], resources: ["*"], verbs: ["*"] }] }),
    },
  ];
}

function bindingTo(name: string, roleRef: { kind: string; name: string }, member: Member) {
  return {
    apiVersion: `${RBAC}/v1`,
    kind: "RoleBinding",
    metadata: { name },
    roleRef: { apiGroup: RBAC, ...roleRef },
    subjects: [
      { kind: "ServiceAccount", name: memberServiceAccountName(member.membershipId), namespace: MEMBERS_NAMESPACE },
    ],
  };
}

test.describe("platform objects and identities", () => {
  let portal: Portal;
  let workspace: TestWorkspace;
  let members: Map<Role, { member: Member; kube: MemberKube }>;
  let resourceVersions: Record<string, string>;

  test.beforeAll(async ({ playwright }, testInfo) => {
    portal = await openPortal(playwright, testInfo);
    workspace = await teamWorkspace(portal, "iso-guard");
    members = await kubeconfigsByRole(portal, workspace, ["VIEWER", "DEVELOPER", "ADMIN"]);
    resourceVersions = await platformResourceVersions();
  });

  test.afterAll(async () => {
    await removeWorkspaces([workspace]);
    await portal?.api.dispose();
  });

  /**
   * resourceVersion of every platform object of every member, and of the namespace; of the
   * quota its spec, since the quota controller writes its status as ConfigMaps are counted.
   */
  async function platformResourceVersions(): Promise<Record<string, string>> {
    const versions: Record<string, string> = {};
    const admin = adminKube();
    for (const { member } of members.values()) {
      for (const o of platformObjects(member)) {
        const path = apiPath(o.group, o.resource, { namespace: workspace.namespace, name: o.name });
        const response = await admin.request("GET", path);
        expect(response.status, path).toBe(200);
        versions[path] =
          o.resource === "resourcequotas"
            ? JSON.stringify(response.body.spec)
            : String((response.body.metadata as { resourceVersion: string }).resourceVersion);
      }
    }
    const namespace = await admin.request("GET", apiPath("", "namespaces", { name: workspace.namespace }));
    versions.namespace = String((namespace.body.metadata as { resourceVersion: string }).resourceVersion);
    return versions;
  }

  for (const role of ["VIEWER", "DEVELOPER", "ADMIN", "OWNER"] as const) {
    test(`${role.toLowerCase()}: quota, limits, network policies and RBAC cannot be changed, deleted or added to`, async () => {
      const { member, kube } = members.get(role)!;
      const namespace = workspace.namespace;
      const table = new RefusalTable();
      const denial = (verb: string, resource: string, group: string) =>
        rbacDenial(kube.username, verb, resource, group, namespace);

      for (const o of platformObjects(member)) {
        const path = apiPath(o.group, o.resource, { namespace, name: o.name });
        const current = (await adminKube().request("GET", path)).body;
        const label = `${o.resource}/${o.name}`;
        table.record(
          `update ${label}`,
          await kube.request("PUT", path, o.loosen(current)),
          denial("update", o.resource, o.group),
        );
        const patch = { metadata: { labels: { "canopy.test/touched": "yes" } } };
        table.record(
          `patch ${label}`,
          await kube.request("PATCH", path, patch, MERGE_PATCH),
          denial("patch", o.resource, o.group),
        );
        table.record(`delete ${label}`, await kube.request("DELETE", path), denial("delete", o.resource, o.group));
        const collection = apiPath(o.group, o.resource, { namespace });
        table.record(
          `deletecollection ${o.resource} (${o.name})`,
          await kube.request("DELETE", collection),
          denial("deletecollection", o.resource, o.group),
        );
      }

      // Nothing may be added beside them either: no second quota or limit range, no policy
      // that lets traffic in, no Role, and no RoleBinding to any role or ClusterRole.
      const create = async (key: string, group: string, resource: string, body: unknown) =>
        table.record(
          `create ${key}`,
          await kube.request("POST", apiPath(group, resource, { namespace }), body),
          denial("create", resource, group),
        );
      await create("resourcequota", "", "resourcequotas", {
        apiVersion: "v1",
        kind: "ResourceQuota",
        metadata: { name: "more" },
      });
      await create("limitrange", "", "limitranges", {
        apiVersion: "v1",
        kind: "LimitRange",
        metadata: { name: "more" },
      });
      await create("networkpolicy allowing all ingress", NETWORKING, "networkpolicies", {
        apiVersion: `${NETWORKING}/v1`,
        kind: "NetworkPolicy",
        metadata: { name: "allow-all" },
        spec: { podSelector: {}, ingress: [{}] },
      });
      await create("role", RBAC, "roles", {
        apiVersion: `${RBAC}/v1`,
        kind: "Role",
        metadata: { name: "mine" },
        rules: [{ apiGroups: ["*"], resources: ["*"], verbs: ["*"] }],
      });
      await create(
        "rolebinding to canopy-owner",
        RBAC,
        "rolebindings",
        bindingTo("up", { kind: "Role", name: kubeRoleName("OWNER") }, member),
      );
      for (const clusterRole of ["admin", "edit", "cluster-admin"]) {
        await create(
          `rolebinding to ClusterRole ${clusterRole}`,
          RBAC,
          "rolebindings",
          bindingTo(`to-${clusterRole}`, { kind: "ClusterRole", name: clusterRole }, member),
        );
      }
      table.record(
        "create clusterrolebinding to cluster-admin",
        await kube.request("POST", apiPath(RBAC, "clusterrolebindings"), {
          ...bindingTo("to-cluster-admin", { kind: "ClusterRole", name: "cluster-admin" }, member),
          kind: "ClusterRoleBinding",
        }),
        rbacDenial(kube.username, "create", "clusterrolebindings", RBAC),
      );

      // The namespace: its Pod Security labels and the admission allow-lists are the
      // platform's. (The API server files a request for a namespace under that namespace.)
      const ownNamespace = apiPath("", "namespaces", { name: namespace });
      const relabel = { metadata: { labels: { "pod-security.kubernetes.io/enforce": "privileged" } } };
      table.record(
        "relabel the namespace",
        await kube.request("PATCH", ownNamespace, relabel, MERGE_PATCH),
        denial("patch", "namespaces", ""),
      );
      const widen = { metadata: { annotations: { "canopy.dev/allowed-runtime-classes": "gvisor,runc" } } };
      table.record(
        "re-annotate the namespace",
        await kube.request("PATCH", ownNamespace, widen, MERGE_PATCH),
        denial("patch", "namespaces", ""),
      );

      expect(table.size).toBe(platformObjects(member).length * 4 + 8 + 1 + 2);
      table.verify();

      // Positive control: the same credential reads the quota it cannot change, and (all but
      // viewers) creates ordinary objects.
      const quota = apiPath("", "resourcequotas", { namespace, name: QUOTA_NAME });
      expectAllowed(await kube.request("GET", quota), `${role} reads the quota`);
      const configMap = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: `by-${role.toLowerCase()}` } };
      const created = await kube.request("POST", apiPath("", "configmaps", { namespace }), configMap);
      if (role === "VIEWER") {
        expectForbiddenByRbac(
          created,
          kube,
          { verb: "create", resource: "configmaps", group: "", namespace },
          "viewer",
        );
      } else expectAllowed(created, `${role} creates a ConfigMap`);
    });
  }

  test("afterwards every platform object and the namespace are exactly as the platform left them", async () => {
    expect(await platformResourceVersions()).toEqual(resourceVersions);
    const namespace = await adminKube().request("GET", apiPath("", "namespaces", { name: workspace.namespace }));
    const labels = (namespace.body.metadata as { labels: Record<string, string> }).labels;
    expect(labels["pod-security.kubernetes.io/enforce"]).toBe("restricted");
  });
});
