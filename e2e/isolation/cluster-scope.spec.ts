import { expect, test } from "@playwright/test";
import { apiPath, type MemberKube } from "./fixtures/kube";
import { expectAllowed, rbacDenial, RefusalTable } from "./fixtures/refusals";
import {
  downloadKubeconfig,
  openPortal,
  removeWorkspaces,
  teamWorkspace,
  type Portal,
  type TestWorkspace,
} from "./fixtures/workspaces";

// A workspace owner's kubeconfig (the widest tenant role) reaches nothing cluster-wide:
// every verb on every cluster-scoped resource is refused by RBAC with 403.

test.describe.configure({ mode: "serial" });

const CLUSTER_RESOURCES = [
  { group: "", resource: "nodes", kind: "Node", name: () => "kwok-node-1" },
  // The workspace's own namespace: not even that one is readable or writable.
  { group: "", resource: "namespaces", kind: "Namespace", name: (ws: TestWorkspace) => ws.namespace },
  { group: "rbac.authorization.k8s.io", resource: "clusterroles", kind: "ClusterRole", name: () => "cluster-admin" },
  {
    group: "rbac.authorization.k8s.io",
    resource: "clusterrolebindings",
    kind: "ClusterRoleBinding",
    name: () => "cluster-admin",
  },
  {
    group: "apiextensions.k8s.io",
    resource: "customresourcedefinitions",
    kind: "CustomResourceDefinition",
    name: () => "widgets.canopy.test",
  },
  { group: "", resource: "persistentvolumes", kind: "PersistentVolume", name: () => "canopy-isolation-pv" },
  { group: "storage.k8s.io", resource: "storageclasses", kind: "StorageClass", name: () => "standard" },
  { group: "node.k8s.io", resource: "runtimeclasses", kind: "RuntimeClass", name: () => "gvisor" },
] as const;

const VERBS = ["get", "list", "watch", "create", "update", "patch", "delete"] as const;
type Verb = (typeof VERBS)[number];

function requestFor(verb: Verb, r: (typeof CLUSTER_RESOURCES)[number], workspace: TestWorkspace) {
  const name = r.name(workspace);
  const apiVersion = r.group === "" ? "v1" : `${r.group}/v1`;
  const object = { apiVersion, kind: r.kind, metadata: { name } };
  switch (verb) {
    case "get":
      return { method: "GET", path: apiPath(r.group, r.resource, { name }) };
    case "list":
      return { method: "GET", path: apiPath(r.group, r.resource) };
    case "watch":
      // timeoutSeconds bounds the request should a watch ever be allowed.
      return { method: "GET", path: apiPath(r.group, r.resource, { query: "watch=true&timeoutSeconds=1" }) };
    case "create":
      return { method: "POST", path: apiPath(r.group, r.resource), body: object };
    case "update":
      return { method: "PUT", path: apiPath(r.group, r.resource, { name }), body: object };
    case "patch":
      return {
        method: "PATCH",
        path: apiPath(r.group, r.resource, { name }),
        body: { metadata: { labels: { "canopy.test/touched": "yes" } } },
        contentType: "application/merge-patch+json",
      };
    case "delete":
      return { method: "DELETE", path: apiPath(r.group, r.resource, { name }) };
  }
}

test.describe("cluster-scoped resources", () => {
  let portal: Portal;
  let workspace: TestWorkspace;
  let kube: MemberKube;

  test.beforeAll(async ({ playwright }, testInfo) => {
    portal = await openPortal(playwright, testInfo);
    workspace = await teamWorkspace(portal, "iso-cluster");
    ({ kube } = await downloadKubeconfig(portal, workspace.slug, workspace.owner));
  });

  test.afterAll(async () => {
    await removeWorkspaces([workspace]);
    await portal?.api.dispose();
  });

  test("positive control: the owner's kubeconfig lists pods in its own namespace", async () => {
    expect(kube.namespace).toBe(workspace.namespace);
    const response = await kube.request("GET", apiPath("", "pods", { namespace: workspace.namespace }));
    expectAllowed(response, "list pods in the own namespace");
    expect(response.body.kind).toBe("PodList");
  });

  test("every verb on every cluster-scoped resource is refused with 403 Forbidden", async () => {
    const table = new RefusalTable();
    for (const r of CLUSTER_RESOURCES) {
      for (const verb of VERBS) {
        const { method, path, body, contentType } = requestFor(verb, r, workspace);
        const response = await kube.request(method, path, body, contentType);
        // The API server files a request for one namespace object under that namespace.
        const named = !["list", "watch", "create"].includes(verb);
        const scope = r.resource === "namespaces" && named ? r.name(workspace) : undefined;
        const message = rbacDenial(kube.username, verb, r.resource, r.group, scope);
        table.record(`${verb} ${r.resource}`, response, message);
      }
    }
    expect(table.size).toBe(CLUSTER_RESOURCES.length * VERBS.length);
    table.verify();
  });

  test("namespaced resources cannot be listed across all namespaces or in the system namespaces", async () => {
    const table = new RefusalTable();
    for (const [group, resource] of [
      ["", "pods"],
      ["", "secrets"],
      ["", "configmaps"],
      ["", "services"],
      ["", "serviceaccounts"],
      ["apps", "deployments"],
    ] as const) {
      // kubectl get <resource> --all-namespaces, and its watch.
      const all = await kube.request("GET", apiPath(group, resource));
      table.record(`list ${resource} -A`, all, rbacDenial(kube.username, "list", resource, group));
      const watch = await kube.request("GET", apiPath(group, resource, { query: "watch=true&timeoutSeconds=1" }));
      table.record(`watch ${resource} -A`, watch, rbacDenial(kube.username, "watch", resource, group));
      for (const namespace of ["kube-system", "default"]) {
        const response = await kube.request("GET", apiPath(group, resource, { namespace }));
        table.record(
          `list ${resource} -n ${namespace}`,
          response,
          rbacDenial(kube.username, "list", resource, group, namespace),
        );
      }
    }
    table.verify();
  });
});
