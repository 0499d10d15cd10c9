import * as k8s from "@kubernetes/client-node";
import { expect, test } from "@playwright/test";
import { adminApi } from "@/lib/kube/client";
import { CLUSTER_FLOW_SCHEMA, FAIRNESS_PRIORITY_LEVEL, NAMESPACED_FLOW_SCHEMA } from "@/lib/tenancy/api-fairness";
import { adminKube, apiPath, type KubeResponse, type MemberKube } from "./fixtures/kube";
import {
  downloadKubeconfig,
  openPortal,
  removeWorkspaces,
  teamWorkspace,
  type Portal,
  type TestWorkspace,
} from "./fixtures/workspaces";

// API fairness between workspaces (lib/tenancy/api-fairness.ts): the API server tells, on
// every response, which FlowSchema and priority level it classified the request into. A
// member's kubeconfig lands in Canopy's own level, queued by namespace for its workspace's
// requests and by member for the rest. How fair that is under a flood is measured by the
// api-fairness benchmark (bench/README.md), not asserted here.

test.describe.configure({ mode: "serial" });

const flowcontrol = () => adminApi(k8s.FlowcontrolApiserverV1Api);

function classification(response: KubeResponse): { flowSchema: unknown; priorityLevel: unknown } {
  return {
    flowSchema: response.headers["x-kubernetes-pf-flowschema-uid"],
    priorityLevel: response.headers["x-kubernetes-pf-prioritylevel-uid"],
  };
}

test.describe("API fairness", () => {
  let portal: Portal;
  let workspace: TestWorkspace;
  let kube: MemberKube;

  test.beforeAll(async ({ playwright }, testInfo) => {
    portal = await openPortal(playwright, testInfo);
    workspace = await teamWorkspace(portal, "iso-apf");
    ({ kube } = await downloadKubeconfig(portal, workspace.slug, workspace.owner));
  });

  test.afterAll(async () => {
    await removeWorkspaces([workspace]);
    await portal?.api.dispose();
  });

  test("a member's requests are queued in Canopy's priority level: by namespace in the workspace, by member outside it", async () => {
    const [namespaced, clusterWide, level] = await Promise.all([
      flowcontrol().readFlowSchema({ name: NAMESPACED_FLOW_SCHEMA }),
      flowcontrol().readFlowSchema({ name: CLUSTER_FLOW_SCHEMA }),
      flowcontrol().readPriorityLevelConfiguration({ name: FAIRNESS_PRIORITY_LEVEL }),
    ]);
    expect(namespaced.spec?.distinguisherMethod?.type).toBe("ByNamespace");
    expect(clusterWide.spec?.distinguisherMethod?.type).toBe("ByUser");
    expect(level.spec?.limited?.borrowingLimitPercent).toBe(0);

    const list = await kube.request("GET", apiPath("", "configmaps", { namespace: workspace.namespace }));
    expect(list.status).toBe(200);
    expect(classification(list)).toEqual({ flowSchema: namespaced.metadata!.uid, priorityLevel: level.metadata!.uid });

    // Outside the namespace: discovery, and a cluster-scoped list the member may not make.
    for (const path of ["/api", apiPath("", "namespaces")]) {
      const response = await kube.request("GET", path);
      expect(classification(response), path).toEqual({
        flowSchema: clusterWide.metadata!.uid,
        priorityLevel: level.metadata!.uid,
      });
    }

    // Positive control: the platform's own requests are classified elsewhere.
    const admin = await adminKube().request("GET", apiPath("", "configmaps", { namespace: workspace.namespace }));
    expect(admin.status).toBe(200);
    expect(classification(admin).priorityLevel).toBeDefined();
    expect(classification(admin).priorityLevel).not.toBe(level.metadata!.uid);
  });
});
