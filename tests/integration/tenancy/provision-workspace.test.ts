import * as k8s from "@kubernetes/client-node";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { adminApi } from "@/lib/kube/client";
import { createTeamWorkspace, ensurePersonalWorkspace } from "@/lib/workspaces/create-workspace";
import { MEMBERS_NAMESPACE, memberServiceAccountName } from "@/lib/tenancy/kube-names";
import { provisionWorkspace } from "@/lib/tenancy/provision-workspace";
import { createUser, uniqueSlug } from "../../support/factories";
import { specWritesOf } from "../../support/kube";

const core = adminApi(k8s.CoreV1Api);
const rbac = adminApi(k8s.RbacAuthorizationV1Api);
const networking = adminApi(k8s.NetworkingV1Api);

describe("workspace provisioning", () => {
  it("creates the namespace with its whole isolation bundle and the owner's identity", async () => {
    const owner = await createUser("Owner");
    const slug = uniqueSlug();
    await createTeamWorkspace({ userId: owner.id }, { displayName: "Team One", slug });

    const workspace = await db().workspace.findUniqueOrThrow({
      where: { slug },
      include: { namespaces: true, memberships: true },
    });
    expect(workspace.status).toBe("READY");
    expect(workspace.memberships).toMatchObject([{ userId: owner.id, role: "OWNER" }]);
    const namespace = workspace.namespaces[0]!.name;
    expect(namespace).toBe(`ws-${slug}`);

    const ns = await core.readNamespace({ name: namespace });
    expect(ns.metadata?.labels).toMatchObject({
      "app.kubernetes.io/managed-by": "canopy",
      "canopy.dev/workspace-id": workspace.id,
      "pod-security.kubernetes.io/enforce": "restricted",
      "pod-security.kubernetes.io/audit": "restricted",
      "pod-security.kubernetes.io/warn": "restricted",
    });

    const quota = await core.readNamespacedResourceQuota({ name: "canopy-quota", namespace });
    expect(quota.spec?.hard).toMatchObject({
      "requests.cpu": "8",
      "limits.memory": "16Gi",
      "requests.storage": "100Gi",
      pods: "100",
      "services.nodeports": "0",
      "services.loadbalancers": "0",
      "requests.ephemeral-storage": "50Gi",
      "limits.ephemeral-storage": "50Gi",
      secrets: "200",
      configmaps: "200",
    });
    const limits = await core.readNamespacedLimitRange({ name: "canopy-limits", namespace });
    expect(limits.spec?.limits[0]?._default).toEqual({ cpu: "500m", memory: "512Mi", "ephemeral-storage": "512Mi" });
    expect(limits.spec?.limits[0]?.defaultRequest).toEqual({
      cpu: "100m",
      memory: "128Mi",
      "ephemeral-storage": "512Mi",
    });

    const policies = await networking.listNamespacedNetworkPolicy({ namespace });
    const byName = Object.fromEntries(policies.items.map((p) => [p.metadata!.name!, p.spec!]));
    expect(byName["canopy-same-namespace-ingress"]?.ingress).toEqual([{ _from: [{ podSelector: {} }] }]);
    expect(Object.keys(byName).sort()).toEqual([
      "canopy-egress",
      "canopy-ingress-controller",
      "canopy-same-namespace-ingress",
    ]);
    // Default deny egress: the workspace's own pods, DNS, and public addresses only.
    const egress = byName["canopy-egress"]!;
    expect(egress.policyTypes).toEqual(["Egress"]);
    expect(egress.egress?.[0]).toEqual({ to: [{ podSelector: {} }] });
    expect(egress.egress?.[1]?.ports).toEqual([
      { protocol: "UDP", port: 53 },
      { protocol: "TCP", port: 53 },
    ]);
    const publicV4 = egress.egress?.[2]?.to?.[0]?.ipBlock;
    expect(publicV4?.cidr).toBe("0.0.0.0/0");
    expect(publicV4?.except).toEqual(expect.arrayContaining(["10.0.0.0/8", "169.254.0.0/16", "192.168.0.0/16"]));

    const roles = await rbac.listNamespacedRole({ namespace });
    expect(roles.items.map((r) => r.metadata!.name).sort()).toEqual([
      "canopy-admin",
      "canopy-developer",
      "canopy-owner",
      "canopy-viewer",
    ]);
    const membershipId = workspace.memberships[0]!.id;
    const sa = await core.readNamespacedServiceAccount({
      name: memberServiceAccountName(membershipId),
      namespace: MEMBERS_NAMESPACE,
    });
    expect(sa.automountServiceAccountToken).toBe(false);
    const bindings = await rbac.listNamespacedRoleBinding({ namespace });
    expect(bindings.items).toHaveLength(1);
    expect(bindings.items[0]?.roleRef.name).toBe("canopy-owner");
    expect(bindings.items[0]?.subjects).toEqual([
      { kind: "ServiceAccount", name: memberServiceAccountName(membershipId), namespace: MEMBERS_NAMESPACE },
    ]);

    const events = await db().auditEvent.findMany({ where: { workspaceId: workspace.id } });
    expect(events.map((e) => e.action)).toEqual(["workspace.create"]);
  });

  it("is idempotent: provisioning again changes nothing", async () => {
    const owner = await createUser("Again");
    const { slug } = await ensurePersonalWorkspace(owner);
    const workspace = await db().workspace.findUniqueOrThrow({ where: { slug }, include: { namespaces: true } });
    const namespace = workspace.namespaces[0]!.name;
    const before = await core.readNamespacedResourceQuota({ name: "canopy-quota", namespace });
    await provisionWorkspace(workspace.id);
    await provisionWorkspace(workspace.id);
    const after = await core.readNamespacedResourceQuota({ name: "canopy-quota", namespace });
    // Not its resourceVersion: the quota controller updates status as the new namespace fills.
    expect(specWritesOf(after)).toEqual(specWritesOf(before));
    expect(after.spec).toEqual(before.spec);
  });

  it("gives each user exactly one personal workspace, even when asked concurrently", async () => {
    const user = await createUser("Personal");
    const results = await Promise.all([
      ensurePersonalWorkspace(user),
      ensurePersonalWorkspace(user),
      ensurePersonalWorkspace(user),
    ]);
    expect(new Set(results.map((r) => r.slug)).size).toBe(1);
    const workspaces = await db().workspace.findMany({ where: { createdById: user.id } });
    expect(workspaces).toHaveLength(1);
    expect(workspaces[0]).toMatchObject({ kind: "PERSONAL", planId: "personal", status: "READY" });
  });

  it("refuses a slug that is taken, naming the field", async () => {
    const owner = await createUser("Taken");
    const slug = uniqueSlug();
    await createTeamWorkspace({ userId: owner.id }, { displayName: "First", slug });
    await expect(createTeamWorkspace({ userId: owner.id }, { displayName: "Second", slug })).rejects.toMatchObject({
      code: "INVALID_INPUT",
      fieldErrors: { slug: ["This URL name is already taken."] },
    });
  });
});
