import * as k8s from "@kubernetes/client-node";
import { describe, expect, it } from "vitest";
import { authorizeWorkspace } from "@/lib/authz/guard";
import { db } from "@/lib/db/client";
import { adminApi } from "@/lib/kube/client";
import { ensurePersonalWorkspace } from "@/lib/workspaces/create-workspace";
import { getQuotaUsage } from "@/lib/workspaces/get-quota-usage";
import { getWorkspaceOverview } from "@/lib/workspaces/get-workspace-overview";
import { createUser, signedInMember, teamWorkspace } from "../../support/factories";
import { eventually } from "../../support/kube";
import { stackImage } from "../../support/real-node";

const GiB = 1024 ** 3;
const MiB = 1024 ** 2;

// A pod that Pod Security "restricted" and the workspace's admission policies admit, with explicit requests and limits.
const pod = (name: string): k8s.V1Pod => ({
  metadata: { name },
  spec: {
    runtimeClassName: "gvisor",
    automountServiceAccountToken: false,
    securityContext: { runAsNonRoot: true, runAsUser: 1000, seccompProfile: { type: "RuntimeDefault" } },
    containers: [
      {
        name: "app",
        image: stackImage("pause:3.10.1"),
        imagePullPolicy: "Always",
        resources: { requests: { cpu: "250m", memory: "192Mi" }, limits: { cpu: "250m", memory: "192Mi" } },
        securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] } },
      },
    ],
  },
});

describe("quota usage", () => {
  it("shows the plan's limits and what a new pod requests", async () => {
    const { context } = await teamWorkspace({ prefix: "quota", permission: "quota.read" });
    const plan = await db().plan.findUniqueOrThrow({ where: { id: "team" } });

    await adminApi(k8s.CoreV1Api).createNamespacedPod({ namespace: context.namespace, body: pod("busy") });

    const usage = await eventually("the quota controller to count the pod", async () => {
      const lines = await getQuotaUsage(context);
      return lines.find((l) => l.resource === "requests.cpu")!.used > 0 ? lines : undefined;
    });
    const byResource = Object.fromEntries(usage.map((line) => [line.resource, line]));
    expect(Object.keys(byResource)).toEqual([
      "requests.cpu",
      "requests.memory",
      "requests.storage",
      "pods",
      "persistentvolumeclaims",
      "services",
    ]);
    expect(byResource["requests.cpu"]).toMatchObject({
      label: "CPU",
      unit: "cores",
      used: 0.25,
      hard: plan.cpuMillis / 1000,
    });
    expect(byResource["requests.memory"]).toMatchObject({ used: 192 * MiB, hard: plan.memoryMiB * MiB });
    expect(byResource["requests.storage"]).toMatchObject({ used: 0, hard: plan.storageGiB * GiB });
    expect(byResource["pods"]).toMatchObject({ used: 1, hard: plan.maxPods });
    expect(byResource["persistentvolumeclaims"]).toMatchObject({ used: 0, hard: plan.maxVolumes });
    expect(byResource["services"]).toMatchObject({ hard: plan.maxServices });
  });

  it("is readable by a viewer, as the viewer", async () => {
    const owner = await createUser("Quota owner");
    const { slug } = await ensurePersonalWorkspace(owner);
    const ownerContext = await authorizeWorkspace({ userId: owner.id }, slug, "workspace.read");
    // A viewer of a workspace gets the quota through their own cluster identity.
    const context = await signedInMember(ownerContext.workspace, "VIEWER", "quota.read", { provision: true });

    const usage = await getQuotaUsage(context);
    expect(usage.find((l) => l.resource === "requests.cpu")?.hard).toBe(2);
    expect(usage.find((l) => l.resource === "requests.memory")?.hard).toBe(4 * GiB);
    expect(usage.find((l) => l.resource === "requests.storage")?.hard).toBe(20 * GiB);
    expect(usage.find((l) => l.resource === "pods")?.hard).toBe(20);

    await expect(getWorkspaceOverview(context)).resolves.toMatchObject({
      status: "READY",
      plan: { id: "personal", name: "Personal" },
      memberCount: 2,
    });
  });

  it("reads as the member, not as the platform: an identity the cluster does not know is refused", async () => {
    const { context } = await teamWorkspace({ prefix: "quota", permission: "quota.read" });
    // Acting as a ServiceAccount that the cluster does not know: RBAC refuses.
    const stranger = { ...context, membership: { ...context.membership, id: "no-such-member" } };
    await expect(getQuotaUsage(stranger)).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
