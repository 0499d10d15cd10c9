import { expect, test } from "@playwright/test";
import { apiPath, MERGE_PATCH, type MemberKube } from "./fixtures/kube";
import { compliantPod } from "./fixtures/pods";
import { expectAllowed, rbacDenial, RefusalTable } from "./fixtures/refusals";
import {
  downloadKubeconfig,
  openPortal,
  removeWorkspaces,
  teamWorkspace,
  type Portal,
  type TestWorkspace,
} from "./fixtures/workspaces";

// Workspace A's owner holds a kubeconfig with the widest tenant role. Everything in
// workspace B's namespace is out of reach for it: every verb on B's objects and on the
// pod subresources kubectl logs/exec/port-forward/attach use is refused with 403, while
// the same requests in A's own namespace work.

test.describe.configure({ mode: "serial" });

const deploymentSpec = {
  replicas: 0,
  selector: { matchLabels: { app: "isolation" } },
  template: { metadata: { labels: { app: "isolation" } }, spec: compliantPod("template").spec },
};

const RESOURCES = [
  { group: "", resource: "pods", object: (name: string) => compliantPod(name) },
  {
    group: "",
    resource: "secrets",
    object: (name: string) => ({ apiVersion: "v1", kind: "Secret", metadata: { name }, stringData: { k: "v" } }),
  },
  {
    group: "",
    resource: "configmaps",
    object: (name: string) => ({ apiVersion: "v1", kind: "ConfigMap", metadata: { name }, data: { k: "v" } }),
  },
  {
    group: "",
    resource: "services",
    object: (name: string) => ({
      apiVersion: "v1",
      kind: "Service",
      metadata: { name },
      spec: { ports: [{ port: 80 }] },
    }),
  },
  {
    group: "apps",
    resource: "deployments",
    object: (name: string) => ({ apiVersion: "apps/v1", kind: "Deployment", metadata: { name }, spec: deploymentSpec }),
  },
] as const;

const SUBRESOURCES = [
  { verb: "get", method: "GET", subresource: "log" },
  { verb: "create", method: "POST", subresource: "exec", query: "command=id&stdout=true" },
  // kubectl 1.30+ opens exec over a WebSocket, which is a GET.
  { verb: "get", method: "GET", subresource: "exec", query: "command=id&stdout=true" },
  { verb: "create", method: "POST", subresource: "portforward", query: "ports=80" },
  { verb: "create", method: "POST", subresource: "attach", query: "stdout=true" },
] as const;

test.describe("another workspace's namespace", () => {
  let portal: Portal;
  let mine: TestWorkspace;
  let theirs: TestWorkspace;
  let kube: MemberKube;

  test.beforeAll(async ({ playwright }, testInfo) => {
    portal = await openPortal(playwright, testInfo);
    [mine, theirs] = await Promise.all([teamWorkspace(portal, "iso-mine"), teamWorkspace(portal, "iso-theirs")]);
    ({ kube } = await downloadKubeconfig(portal, mine.slug, mine.owner));
    // B's owner fills B with one object of each kind, through B's own kubeconfig.
    const { kube: theirKube } = await downloadKubeconfig(portal, theirs.slug, theirs.owner);
    for (const r of RESOURCES) {
      const response = await theirKube.request(
        "POST",
        apiPath(r.group, r.resource, { namespace: theirs.namespace }),
        r.object("target"),
      );
      expectAllowed(response, `B's owner creates ${r.resource} in B`);
    }
  });

  test.afterAll(async () => {
    await removeWorkspaces([mine, theirs]);
    await portal?.api.dispose();
  });

  test("positive control: the same credential reads and writes each kind in its own namespace", async () => {
    const namespace = mine.namespace;
    for (const r of RESOURCES) {
      const collection = apiPath(r.group, r.resource, { namespace });
      const object = apiPath(r.group, r.resource, { namespace, name: "own" });
      expectAllowed(await kube.request("POST", collection, r.object("own")), `create ${r.resource}`);
      expectAllowed(await kube.request("GET", object), `get ${r.resource}`);
      expectAllowed(await kube.request("GET", collection), `list ${r.resource}`);
      const patch = { metadata: { labels: { "canopy.test/touched": "yes" } } };
      expectAllowed(await kube.request("PATCH", object, patch, MERGE_PATCH), `patch ${r.resource}`);
      expectAllowed(await kube.request("DELETE", object), `delete ${r.resource}`);
    }
    const watch = await kube.request("GET", apiPath("", "pods", { namespace, query: "watch=true&timeoutSeconds=1" }));
    expectAllowed(watch, "watch pods");
    // kwok runs no kubelet, so the API server is asked, not the (missing) kubelet.
    for (const s of SUBRESOURCES) {
      const allowed = await kube.canI({ namespace, verb: s.verb, resource: "pods", subresource: s.subresource });
      expect(allowed, `${s.verb} pods/${s.subresource} in the own namespace`).toBe(true);
    }
  });

  test("every verb on every kind of object in another workspace's namespace is refused with 403", async () => {
    const namespace = theirs.namespace;
    const table = new RefusalTable();
    const check = async (
      key: string,
      verb: string,
      resource: string,
      group: string,
      request: [string, string, unknown?, string?],
    ) => {
      const response = await kube.request(...request);
      table.record(key, response, rbacDenial(kube.username, verb, resource, group, namespace));
    };

    for (const r of RESOURCES) {
      const collection = apiPath(r.group, r.resource, { namespace });
      const object = apiPath(r.group, r.resource, { namespace, name: "target" });
      const watch = apiPath(r.group, r.resource, { namespace, query: "watch=true&timeoutSeconds=1" });
      const patch = { metadata: { labels: { "canopy.test/touched": "yes" } } };
      await check(`get ${r.resource}`, "get", r.resource, r.group, ["GET", object]);
      await check(`list ${r.resource}`, "list", r.resource, r.group, ["GET", collection]);
      await check(`watch ${r.resource}`, "watch", r.resource, r.group, ["GET", watch]);
      await check(`create ${r.resource}`, "create", r.resource, r.group, ["POST", collection, r.object("intruder")]);
      await check(`update ${r.resource}`, "update", r.resource, r.group, ["PUT", object, r.object("target")]);
      await check(`patch ${r.resource}`, "patch", r.resource, r.group, ["PATCH", object, patch, MERGE_PATCH]);
      await check(`delete ${r.resource}`, "delete", r.resource, r.group, ["DELETE", object]);
      await check(`deletecollection ${r.resource}`, "deletecollection", r.resource, r.group, ["DELETE", collection]);
    }
    for (const s of SUBRESOURCES) {
      const path = apiPath("", "pods", {
        namespace,
        name: "target",
        subresource: s.subresource,
        query: "query" in s ? s.query : undefined,
      });
      await check(`${s.method} pods/${s.subresource}`, s.verb, `pods/${s.subresource}`, "", [s.method, path]);
      const allowed = await kube.canI({ namespace, verb: s.verb, resource: "pods", subresource: s.subresource });
      expect(allowed, `can-i ${s.verb} pods/${s.subresource} in B`).toBe(false);
    }
    table.verify();
  });

  test("an object whose body names another workspace's namespace is refused, not moved there", async () => {
    // RBAC authorizes the namespace in the URL; the API server refuses a body that disagrees.
    const pod = { ...compliantPod("misdirected"), metadata: { name: "misdirected", namespace: theirs.namespace } };
    const response = await kube.request("POST", apiPath("", "pods", { namespace: mine.namespace }), pod);
    expect(response.status, JSON.stringify(response.body)).toBe(400);
    expect(response.body.reason).toBe("BadRequest");
    expect(response.body.message).toContain("does not match the namespace");
  });
});
