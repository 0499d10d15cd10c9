import { writeUsage } from "@/lib/metering/write-usage";
import * as k8s from "@kubernetes/client-node";
import { describe, expect, it } from "vitest";
import { authorizeWorkspace } from "@/lib/authz/guard";
import type { WorkspaceContext } from "@/lib/authz/context";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { adminApi } from "@/lib/kube/client";
import { createEnvironment } from "@/lib/environments/create-environment";
import { deleteEnvironment } from "@/lib/environments/delete-environment";
import { listEnvironments } from "@/lib/environments/list-environments";
import { moveQuota, moveQuotaInput, previewQuotaMove } from "@/lib/environments/move-quota";
import { renameEnvironment } from "@/lib/environments/rename-environment";
import { reconcileAll } from "@/lib/tenancy/reconcile";
import { addMember, teamWorkspace } from "../../support/factories";
import { eventually } from "../../support/kube";

// Environments split the workspace's quota (the test plan: 8 cores, 16 GiB, 100 GiB,
// 100 pods, 20 volumes, 20 services): the slices always add up to the plan, a move never
// leaves an environment below what it uses, and concurrent moves cannot overcommit.

const core = adminApi(k8s.CoreV1Api);
const move = (input: Record<string, string>) => moveQuotaInput.parse(input);

async function clusterQuota(namespace: string) {
  return (await core.readNamespacedResourceQuota({ name: "canopy-quota", namespace })).spec!.hard!;
}

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

async function managerWithDev(prefix: string): Promise<{ context: WorkspaceContext; slug: string; dev: string }> {
  const { context, slug } = await teamWorkspace({ prefix, permission: "environment.manage" });
  const { namespace } = await createEnvironment(context, { name: "dev", displayName: "Development" });
  return { context, slug, dev: namespace };
}

describe("environments and the quota split", () => {
  it("gives a new environment its own namespace with the whole bundle and an empty slice", async () => {
    const { context, slug, dev } = await managerWithDev("env-bundle");
    expect(dev).toBe(`ws-${slug}--dev`);
    const ns = await core.readNamespace({ name: dev });
    expect(ns.metadata?.labels).toMatchObject({
      "app.kubernetes.io/managed-by": "canopy",
      "canopy.dev/workspace-id": context.workspace.id,
      "pod-security.kubernetes.io/enforce": "restricted",
    });
    expect(await clusterQuota(dev)).toMatchObject({ "requests.cpu": "0", pods: "0", "services.nodeports": "0" });
    const policies = await adminApi(k8s.NetworkingV1Api).listNamespacedNetworkPolicy({ namespace: dev });
    expect(policies.items.map((p) => p.metadata!.name).sort()).toEqual([
      "canopy-egress",
      "canopy-ingress-controller",
      "canopy-same-namespace-ingress",
    ]);
    const bindings = await adminApi(k8s.RbacAuthorizationV1Api).listNamespacedRoleBinding({ namespace: dev });
    expect(bindings.items.map((b) => b.roleRef.name)).toEqual(["canopy-owner"]);
    // The default environment keeps the whole plan: nothing was moved yet.
    expect(await clusterQuota(context.namespace)).toMatchObject({ "requests.cpu": "8", pods: "100" });
  });

  it("moves quota with a preview, keeping the sum at the plan", async () => {
    const { context, dev } = await managerWithDev("env-move");
    const input = move({ from: "default", to: "dev", cpu: "2.5", memory: "4", pods: "10" });

    const preview = await previewQuotaMove(context, input);
    const byName = Object.fromEntries(preview.environments.map((e) => [e.environment, e]));
    expect(byName.default!.before).toMatchObject({ cpu: 8000, memory: 16384, pods: 100 });
    expect(byName.default!.after).toMatchObject({ cpu: 5500, memory: 12288, pods: 90 });
    expect(byName.dev!.after).toMatchObject({ cpu: 2500, memory: 4096, pods: 10, storage: 0 });
    // The preview wrote nothing.
    expect(await clusterQuota(dev)).toMatchObject({ "requests.cpu": "0" });

    await moveQuota(context, input);
    expect(await clusterQuota(dev)).toMatchObject({ "requests.cpu": "2500m", "limits.memory": "4Gi", pods: "10" });
    expect(await clusterQuota(context.namespace)).toMatchObject({ "requests.cpu": "5500m", pods: "90" });
    const list = await listEnvironments(context);
    const sum = list.environments.reduce((total, e) => total + e.slice.cpu, 0);
    expect(sum).toBe(list.total.cpu);

    // And back, part of it: the default gets what dev gives.
    await moveQuota(context, move({ from: "dev", to: "default", cpu: "0.5" }));
    expect(await clusterQuota(context.namespace)).toMatchObject({ "requests.cpu": "6" });
  });

  it("refuses to move more than the source has, naming the field", async () => {
    const { context, dev } = await managerWithDev("env-more");
    const error = await refusal(moveQuota(context, move({ from: "dev", to: "default", cpu: "1" })));
    expect(error.fieldErrors?.cpu?.[0]).toMatch(/has only 0 cores to give/);
    const tooMuch = await refusal(moveQuota(context, move({ from: "default", to: "dev", pods: "101" })));
    expect(tooMuch.fieldErrors?.pods?.[0]).toMatch(/only 100 pods/);
    const same = await refusal(moveQuota(context, move({ from: "dev", to: "dev", pods: "1" })));
    expect(same.fieldErrors?.to).toBeDefined();
    // The control: the whole of what the default has may go.
    await moveQuota(context, move({ from: "default", to: "dev", pods: "100" }));
    expect(await clusterQuota(dev)).toMatchObject({ pods: "100" });
    expect(await clusterQuota(context.namespace)).toMatchObject({ pods: "0" });
  });

  it("refuses a move that would leave an environment below what it uses", async () => {
    const { context, dev } = await managerWithDev("env-used");
    await moveQuota(context, move({ from: "default", to: "dev", services: "3" }));
    await core.createNamespacedService({
      namespace: dev,
      body: { metadata: { name: "held" }, spec: { ports: [{ port: 80 }] } },
    });
    await eventually("the quota to count the service", async () => {
      const quota = await core.readNamespacedResourceQuota({ name: "canopy-quota", namespace: dev });
      return quota.status?.used?.services === "1" ? true : undefined;
    });
    const error = await refusal(moveQuota(context, move({ from: "dev", to: "default", services: "3" })));
    expect(error.fieldErrors?.services?.[0]).toMatch(/leave Development 0 services, below the 1 service/);
    await refusal(previewQuotaMove(context, move({ from: "dev", to: "default", services: "3" })));
    // The control: what it does not use may go.
    await moveQuota(context, move({ from: "dev", to: "default", services: "2" }));
    expect(await clusterQuota(dev)).toMatchObject({ services: "1" });
  });

  it("serializes concurrent moves: never more than there is, never a lost update", async () => {
    const { context, dev } = await managerWithDev("env-race");
    // Ten moves of 1 core at once from a default with 8: exactly eight fit.
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, () => moveQuota(context, move({ from: "default", to: "dev", cpu: "1" }))),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(8);
    for (const r of results.filter((r) => r.status === "rejected")) {
      expect((r as PromiseRejectedResult).reason).toBeInstanceOf(AppError);
    }
    const list = await listEnvironments(context);
    expect(Object.fromEntries(list.environments.map((e) => [e.environment, e.slice.cpu]))).toEqual({
      default: 0,
      dev: 8000,
    });
    // And back, four at once of 3 cores from 8: two fit.
    const back = await Promise.allSettled(
      Array.from({ length: 4 }, () => moveQuota(context, move({ from: "dev", to: "default", cpu: "3" }))),
    );
    expect(back.filter((r) => r.status === "fulfilled")).toHaveLength(2);
    const row = await db().workspaceNamespace.findFirstOrThrow({ where: { name: dev } });
    expect(row.sliceCpuMillis).toBe(2000);
    expect(await clusterQuota(dev)).toMatchObject({ "requests.cpu": "2" });
  });

  it("lets owners and admins manage environments, and nobody else", async () => {
    const { workspace, slug, context } = await teamWorkspace({ prefix: "env-perm", permission: "environment.manage" });
    const developer = await addMember(workspace.id, "DEVELOPER");
    const admin = await addMember(workspace.id, "ADMIN");
    await expect(authorizeWorkspace({ userId: developer.user.id }, slug, "environment.manage")).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    const adminContext = await authorizeWorkspace({ userId: admin.user.id }, slug, "environment.manage");
    await createEnvironment(adminContext, { name: "staging" });
    expect(await db().workspaceNamespace.count({ where: { workspaceId: workspace.id } })).toBe(2);
    // An unknown environment is not found; a known one resolves to its namespace.
    await expect(authorizeWorkspace(context.actor, slug, "workspace.read", "nope")).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    const staging = await authorizeWorkspace(context.actor, slug, "workspace.read", "staging");
    expect(staging.namespace).toBe(`ws-${slug}--staging`);
  });

  it("renames the display name only, refuses duplicates, and deletes all but the default", async () => {
    const { context, dev } = await managerWithDev("env-delete");
    await renameEnvironment(context, { environment: "dev", displayName: "Dev box" });
    expect(await db().workspaceNamespace.findFirstOrThrow({ where: { name: dev } })).toMatchObject({
      displayName: "Dev box",
      environment: "dev",
    });
    const duplicate = await refusal(createEnvironment(context, { name: "dev" }));
    expect(duplicate.fieldErrors?.name?.[0]).toMatch(/already has an environment of that name/);

    await moveQuota(context, move({ from: "default", to: "dev", cpu: "3" }));
    // Billing keeps the environment's history: usage rows name the namespace.
    await writeUsage([
      {
        objectUid: `uid-${dev}`,
        resource: "CPU",
        minute: new Date(Date.UTC(2026, 0, 1, 0, 0)),
        workspaceId: context.workspace.id,
        objectKind: "POD",
        namespace: dev,
        objectName: "old",
        runtimeName: "",
        runtimeClass: "",
        quantity: 100n,
      },
    ]);
    const rowsOf = async (namespace: string) =>
      (
        await db().$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM usage_minutes WHERE namespace = ${namespace}`
      )[0]!.n;

    const noDefault = await refusal(deleteEnvironment(context, { environment: "default", confirm: "default" }));
    expect(noDefault.fieldErrors?.environment?.[0]).toMatch(/cannot be deleted/);
    const unconfirmed = await refusal(deleteEnvironment(context, { environment: "dev", confirm: "de" }));
    expect(unconfirmed.fieldErrors?.confirm).toBeDefined();
    expect(await db().workspaceNamespace.count({ where: { name: dev } })).toBe(1);

    await deleteEnvironment(context, { environment: "dev", confirm: "dev" });
    expect(await db().workspaceNamespace.count({ where: { name: dev } })).toBe(0);
    const ns = await core.readNamespace({ name: dev }).catch(() => undefined);
    expect(ns === undefined || Boolean(ns.metadata?.deletionTimestamp)).toBe(true);
    expect(await rowsOf(dev)).toBe(1n);
    // Its slice went back to the default environment.
    const list = await listEnvironments(context);
    expect(list.environments.map((e) => [e.environment, e.slice.cpu])).toEqual([["default", 8000]]);
    // A namespace still being deleted is never adopted by a new environment of that name.
    if (await core.readNamespace({ name: dev }).catch(() => undefined)) {
      const again = await refusal(createEnvironment(context, { name: "dev" }));
      expect(again.fieldErrors?.name?.[0]).toMatch(/still exists/);
    }
  });

  it("has the reconciler remove a deleted environment's namespace, and restore a live one's bundle", async () => {
    const { context, dev } = await managerWithDev("env-reconcile");
    await createEnvironment(context, { name: "prod" });
    const prod = `ws-${context.workspace.slug}--prod`;
    // The row goes while the cluster is unreachable (here: straight in the database).
    await db().workspaceNamespace.deleteMany({ where: { name: prod } });
    await core.deleteNamespacedResourceQuota({ name: "canopy-quota", namespace: dev });
    const summary = await reconcileAll();
    expect(summary.failed.filter((f) => f.workspaceId === context.workspace.id)).toEqual([]);
    const gone = await core.readNamespace({ name: prod }).catch(() => undefined);
    expect(gone === undefined || Boolean(gone.metadata?.deletionTimestamp)).toBe(true);
    // The control: the live environments stay, and dev's quota is back.
    expect((await core.readNamespace({ name: dev })).metadata?.deletionTimestamp).toBeUndefined();
    expect((await core.readNamespace({ name: context.namespace })).metadata?.deletionTimestamp).toBeUndefined();
    expect(await clusterQuota(dev)).toMatchObject({ pods: "0" });
  });
});
