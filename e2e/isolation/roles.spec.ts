import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { db } from "@/lib/db/client";
import { provisionWorkspace } from "@/lib/tenancy/provision-workspace";
import { apiPath, MERGE_PATCH, type MemberKube } from "./fixtures/kube";
import { compliantPod, waitForRunning } from "./fixtures/pods";
import { expectAllowed, rbacDenial, RefusalTable } from "./fixtures/refusals";
import {
  addMembers,
  downloadKubeconfig,
  openPortal,
  removeWorkspaces,
  teamWorkspace,
  type Portal,
  type TestWorkspace,
} from "./fixtures/workspaces";

// Ingresses may only serve hosts the workspace reserved (lib/tenancy/admission-policies.ts),
// so the developer's Ingress uses one reserved for this workspace in beforeAll.
const INGRESS_HOST = `iso-roles-${randomBytes(4).toString("hex")}.apps.canopy.localhost`;

// What each tenant role may do in its own namespace (lib/tenancy/kube-roles.ts): a viewer
// reads workloads and their logs but no Secrets and changes nothing; a developer creates
// and deletes the everyday kinds and may exec and port-forward.

test.describe.configure({ mode: "serial" });

const podSpec = { ...compliantPod("template").spec!, restartPolicy: "Never" };

const KINDS = [
  { group: "", resource: "configmaps", body: { apiVersion: "v1", kind: "ConfigMap", data: { k: "v" } } },
  { group: "", resource: "secrets", body: { apiVersion: "v1", kind: "Secret", stringData: { k: "v" } } },
  {
    group: "apps",
    resource: "deployments",
    body: {
      apiVersion: "apps/v1",
      kind: "Deployment",
      spec: {
        replicas: 0,
        selector: { matchLabels: { app: "web" } },
        template: { metadata: { labels: { app: "web" } }, spec: { ...podSpec, restartPolicy: "Always" } },
      },
    },
  },
  {
    group: "",
    resource: "persistentvolumeclaims",
    body: {
      apiVersion: "v1",
      kind: "PersistentVolumeClaim",
      spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "1Gi" } } },
    },
  },
  { group: "", resource: "services", body: { apiVersion: "v1", kind: "Service", spec: { ports: [{ port: 80 }] } } },
  {
    group: "networking.k8s.io",
    resource: "ingresses",
    body: {
      apiVersion: "networking.k8s.io/v1",
      kind: "Ingress",
      spec: {
        rules: [
          {
            host: INGRESS_HOST,
            http: {
              paths: [{ path: "/", pathType: "Prefix", backend: { service: { name: "web", port: { number: 80 } } } }],
            },
          },
        ],
      },
    },
  },
  {
    group: "batch",
    resource: "jobs",
    body: { apiVersion: "batch/v1", kind: "Job", spec: { suspend: true, template: { spec: podSpec } } },
  },
] as const;

function named<T extends { body: object }>(kind: T, name: string) {
  return { ...kind.body, metadata: { name } };
}

test.describe("tenant roles in their own namespace", () => {
  let portal: Portal;
  let workspace: TestWorkspace;
  let viewer: MemberKube;
  let developer: MemberKube;
  let namespace: string;

  test.beforeAll(async ({ playwright }, testInfo) => {
    portal = await openPortal(playwright, testInfo);
    workspace = await teamWorkspace(portal, "iso-roles");
    namespace = workspace.namespace;
    await db().publicEndpoint.create({ data: { workspaceId: workspace.id, runtimeName: "web", host: INGRESS_HOST } });
    await provisionWorkspace(workspace.id);
    const [viewerMember, developerMember] = await addMembers(portal, workspace, ["VIEWER", "DEVELOPER"]);
    viewer = (await downloadKubeconfig(portal, workspace.slug, viewerMember!)).kube;
    developer = (await downloadKubeconfig(portal, workspace.slug, developerMember!)).kube;
    // Something to read: a running pod, a Service and a Secret, made by the developer.
    expectAllowed(
      await developer.request("POST", apiPath("", "pods", { namespace }), compliantPod("seed")),
      "seed pod",
    );
    for (const kind of KINDS.filter((k) => k.resource === "services" || k.resource === "secrets")) {
      expectAllowed(
        await developer.request("POST", apiPath(kind.group, kind.resource, { namespace }), named(kind, "seed")),
        `seed ${kind.resource}`,
      );
    }
    await waitForRunning(developer, "seed");
  });

  test.afterAll(async () => {
    await removeWorkspaces([workspace]);
    await portal?.api.dispose();
  });

  test("viewer reads pods, services and events, but no pod logs", async () => {
    const reads = [
      apiPath("", "pods", { namespace }),
      apiPath("", "pods", { namespace, name: "seed" }),
      apiPath("", "services", { namespace }),
      apiPath("", "services", { namespace, name: "seed" }),
      apiPath("", "events", { namespace }),
      apiPath("events.k8s.io", "events", { namespace }),
      apiPath("apps", "deployments", { namespace }),
      apiPath("", "configmaps", { namespace }),
    ];
    for (const path of reads) expectAllowed(await viewer.request("GET", path), `viewer GET ${path}`);
    // Logs can hold what only builders may see: the portal's runtime.logs and RBAC agree.
    expect(await viewer.canI({ namespace, verb: "get", resource: "pods", subresource: "log" })).toBe(false);
    const logs = await viewer.request("GET", apiPath("", "pods", { namespace, name: "seed", subresource: "log" }));
    expect(logs.status, JSON.stringify(logs.body)).toBe(403);
    expect((logs.body as { message?: string }).message).toContain(
      rbacDenial(viewer.username, "get", "pods/log", "", namespace),
    );
  });

  test("viewer reads no Secrets and creates, changes or deletes nothing", async () => {
    const table = new RefusalTable();
    const denial = (verb: string, resource: string, group = "") =>
      rbacDenial(viewer.username, verb, resource, group, namespace);
    const secrets = apiPath("", "secrets", { namespace });
    table.record("list secrets", await viewer.request("GET", secrets), denial("list", "secrets"));
    table.record(
      "get secret",
      await viewer.request("GET", apiPath("", "secrets", { namespace, name: "seed" })),
      denial("get", "secrets"),
    );
    table.record(
      "watch secrets",
      await viewer.request("GET", apiPath("", "secrets", { namespace, query: "watch=true&timeoutSeconds=1" })),
      denial("watch", "secrets"),
    );
    for (const kind of [...KINDS, { group: "", resource: "pods", body: compliantPod("x") }]) {
      const path = apiPath(kind.group, kind.resource, { namespace });
      table.record(
        `create ${kind.resource}`,
        await viewer.request("POST", path, named(kind, "by-viewer")),
        denial("create", kind.resource, kind.group),
      );
    }
    const seedPod = apiPath("", "pods", { namespace, name: "seed" });
    const patch = { metadata: { labels: { "canopy.test/touched": "yes" } } };
    table.record("patch pod", await viewer.request("PATCH", seedPod, patch, MERGE_PATCH), denial("patch", "pods"));
    table.record("delete pod", await viewer.request("DELETE", seedPod), denial("delete", "pods"));
    const seedService = apiPath("", "services", { namespace, name: "seed" });
    table.record("delete service", await viewer.request("DELETE", seedService), denial("delete", "services"));
    for (const subresource of ["exec", "portforward", "attach"]) {
      const path = apiPath("", "pods", { namespace, name: "seed", subresource });
      table.record(
        `create pods/${subresource}`,
        await viewer.request("POST", path),
        denial("create", `pods/${subresource}`),
      );
      expect(await viewer.canI({ namespace, verb: "create", resource: "pods", subresource })).toBe(false);
    }
    table.verify();
  });

  test("developer creates and deletes configmaps, secrets, deployments, claims, services, ingresses and jobs", async () => {
    for (const kind of KINDS) {
      const created = await developer.request(
        "POST",
        apiPath(kind.group, kind.resource, { namespace }),
        named(kind, "by-developer"),
      );
      expectAllowed(created, `developer creates ${kind.resource}`);
      const object = apiPath(kind.group, kind.resource, { namespace, name: "by-developer" });
      expectAllowed(await developer.request("GET", object), `developer reads ${kind.resource}`);
      expectAllowed(await developer.request("DELETE", object), `developer deletes ${kind.resource}`, [200, 202]);
    }
  });

  test("developer may read logs of, exec into and port-forward to pods, as far as RBAC is concerned", async () => {
    for (const subresource of ["exec", "portforward"]) {
      expect(await developer.canI({ namespace, verb: "create", resource: "pods", subresource }), subresource).toBe(
        true,
      );
      const response = await developer.request("POST", apiPath("", "pods", { namespace, name: "seed", subresource }));
      // No kubelet behind kwok: the call fails after RBAC, never with 401/403.
      expect([401, 403], `${subresource}: ${JSON.stringify(response.body)}`).not.toContain(response.status);
    }
    expect(await developer.canI({ namespace, verb: "get", resource: "pods", subresource: "log" })).toBe(true);
    const logs = await developer.request("GET", apiPath("", "pods", { namespace, name: "seed", subresource: "log" }));
    expect([401, 403], JSON.stringify(logs.body)).not.toContain(logs.status);
    // Negative control: the same review answers no for what the role lacks.
    expect(
      await developer.canI({ namespace, verb: "create", resource: "roles", group: "rbac.authorization.k8s.io" }),
    ).toBe(false);
  });
});
