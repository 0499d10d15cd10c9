import * as k8s from "@kubernetes/client-node";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { adminApi } from "@/lib/kube/client";
import { NAMESPACE_TAKEN_MESSAGE, claimNamespace } from "@/lib/tenancy/claim-namespace";
import { finishWorkspaceDeletion } from "@/lib/tenancy/finish-workspace-deletion";
import {
  INSTANCE_LABEL,
  MANAGED_BY,
  MANAGED_BY_LABEL,
  WORKSPACE_ID_LABEL,
  canopyInstance,
  workspaceNamespaceName,
} from "@/lib/tenancy/kube-names";
import { provisionWorkspace } from "@/lib/tenancy/provision-workspace";
import { reconcileAll } from "@/lib/tenancy/reconcile";
import { createTeamWorkspace } from "@/lib/workspaces/create-workspace";
import { createUser, teamWorkspace, uniqueSlug } from "../../support/factories";

// A workspace never adopts a namespace it did not create: not another installation's on
// the same cluster, not another workspace's, not one made by hand with kubectl.

const core = adminApi(k8s.CoreV1Api);
const rbac = adminApi(k8s.RbacAuthorizationV1Api);
const leftovers: string[] = [];

afterAll(async () => {
  await Promise.all(leftovers.map((name) => core.deleteNamespace({ name }).catch(() => undefined)));
});

/** A namespace someone else made first, with these labels. */
async function foreignNamespace(slug: string, labels: Record<string, string>): Promise<string> {
  const name = workspaceNamespaceName(slug);
  await core.createNamespace({ body: { metadata: { name, labels } } });
  leftovers.push(name);
  return name;
}

const otherInstallation = (workspaceId: string) => ({
  [MANAGED_BY_LABEL]: MANAGED_BY,
  [INSTANCE_LABEL]: `${canopyInstance()}-other`,
  [WORKSPACE_ID_LABEL]: workspaceId,
});

/** Asserts that nothing of this installation was put into `name`. */
async function untouched(name: string, labels: Record<string, string>) {
  const namespace = await core.readNamespace({ name });
  expect(namespace.metadata?.labels).toEqual({ ...labels, "kubernetes.io/metadata.name": name });
  expect(namespace.metadata?.deletionTimestamp).toBeUndefined();
  expect((await rbac.listNamespacedRoleBinding({ namespace: name })).items).toEqual([]);
  expect((await core.listNamespacedResourceQuota({ namespace: name })).items).toEqual([]);
}

/** Workspace rows pointing at `namespace`, as a crash (or an older version) could leave them. */
async function workspaceRowsFor(namespace: string, status: "PROVISIONING" | "DELETING" = "PROVISIONING") {
  const owner = await createUser("Rows");
  return db().workspace.create({
    data: {
      slug: uniqueSlug("rows"),
      displayName: "Rows",
      kind: "TEAM",
      planId: "team",
      createdById: owner.id,
      status,
      deletedAt: status === "DELETING" ? new Date() : null,
      namespaces: { create: { name: namespace } },
      memberships: { create: { userId: owner.id, role: "OWNER" } },
    },
  });
}

describe("namespace ownership", () => {
  it("refuses a URL name whose namespace belongs to another installation, and writes nothing", async () => {
    const slug = uniqueSlug("taken");
    const labels = otherInstallation("their-workspace");
    const name = await foreignNamespace(slug, labels);
    const owner = await createUser("Adopter");

    await expect(createTeamWorkspace({ userId: owner.id }, { displayName: "Adopter", slug })).rejects.toMatchObject({
      code: "INVALID_INPUT",
      fieldErrors: { slug: [NAMESPACE_TAKEN_MESSAGE] },
    });

    expect(await db().workspace.findUnique({ where: { slug } })).toBeNull();
    expect(await db().membership.count({ where: { userId: owner.id } })).toBe(0);
    expect(await db().workspaceNamespace.count({ where: { name } })).toBe(0);
    await untouched(name, labels);

    // Positive control: the same user with a free name gets a workspace at once.
    const free = uniqueSlug("free");
    await createTeamWorkspace({ userId: owner.id }, { displayName: "Free", slug: free });
    await expect(db().workspace.findUniqueOrThrow({ where: { slug: free } })).resolves.toMatchObject({
      status: "READY",
    });
  });

  it("refuses a namespace made by hand, without any of Canopy's labels", async () => {
    const slug = uniqueSlug("kubectl");
    const labels = { team: "someone-else" };
    const name = await foreignNamespace(slug, labels);
    const owner = await createUser("Hand");

    await expect(createTeamWorkspace({ userId: owner.id }, { displayName: "Hand", slug })).rejects.toMatchObject({
      fieldErrors: { slug: [NAMESPACE_TAKEN_MESSAGE] },
    });
    await untouched(name, labels);
  });

  it("never adopts this installation's namespace of another workspace, also not in the reconciler", async () => {
    // Labelled as belonging to another live workspace of this very installation.
    const other = await teamWorkspace({ prefix: "other" });
    const slug = uniqueSlug("twin");
    const labels = {
      [MANAGED_BY_LABEL]: MANAGED_BY,
      [INSTANCE_LABEL]: canopyInstance(),
      [WORKSPACE_ID_LABEL]: other.workspace.id,
    };
    const name = await foreignNamespace(slug, labels);
    const rows = await workspaceRowsFor(name);
    try {
      await expect(provisionWorkspace(rows.id)).rejects.toMatchObject({
        fieldErrors: { slug: [NAMESPACE_TAKEN_MESSAGE] },
      });
      const summary = await reconcileAll();
      expect(summary.failed.filter((f) => f.workspaceId === rows.id)).toEqual([
        expect.objectContaining({ step: "converge" }),
      ]);
      await untouched(name, labels);
      await expect(db().workspace.findUniqueOrThrow({ where: { id: rows.id } })).resolves.toMatchObject({
        status: "PROVISIONING",
      });
    } finally {
      await db().workspace.delete({ where: { id: rows.id } });
    }
  });

  it("lets exactly one of two workspaces racing for a new namespace have it", async () => {
    const name = workspaceNamespaceName(uniqueSlug("race"));
    leftovers.push(name);
    const results = await Promise.allSettled([claimNamespace("racer-one", name), claimNamespace("racer-two", name)]);

    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.filter((r) => r.status === "rejected")).toEqual([
      expect.objectContaining({
        reason: expect.objectContaining({ fieldErrors: { slug: [NAMESPACE_TAKEN_MESSAGE] } }),
      }),
    ]);
    const winner = results[0]!.status === "fulfilled" ? "racer-one" : "racer-two";
    const namespace = await core.readNamespace({ name });
    expect(namespace.metadata?.labels?.[WORKSPACE_ID_LABEL]).toBe(winner);
    // Positive control: the winner claims it again (provisioning is repeated all the time).
    await expect(claimNamespace(winner, name)).resolves.toBeUndefined();
  });

  it("racing another installation for a name: either one has it, and a loser leaves nothing behind", async () => {
    const owner = await createUser("Racer");
    for (let round = 0; round < 4; round++) {
      const slug = uniqueSlug("contest");
      const name = workspaceNamespaceName(slug);
      leftovers.push(name);
      const labels = otherInstallation(`theirs-${round}`);
      const [ours, theirs] = await Promise.allSettled([
        createTeamWorkspace({ userId: owner.id }, { displayName: "Contest", slug }),
        core.createNamespace({ body: { metadata: { name, labels } } }),
      ]);
      // The API server lets exactly one of the two create it.
      expect([ours.status, theirs.status].filter((s) => s === "fulfilled")).toHaveLength(1);
      const namespace = await core.readNamespace({ name });
      if (ours.status === "fulfilled") {
        expect(namespace.metadata?.labels?.[INSTANCE_LABEL]).toBe(canopyInstance());
        await db().workspace.update({ where: { slug }, data: { status: "DELETING", deletedAt: new Date() } });
        await db().membership.deleteMany({ where: { workspace: { slug } } });
      } else {
        expect(ours.reason).toMatchObject({ fieldErrors: { slug: [NAMESPACE_TAKEN_MESSAGE] } });
        expect(await db().workspace.findUnique({ where: { slug } })).toBeNull();
        expect(await db().workspaceNamespace.count({ where: { name } })).toBe(0);
        await untouched(name, labels);
      }
    }
  });

  it("does not delete a namespace of the same name that someone else owns when a workspace is deleted", async () => {
    const slug = uniqueSlug("gone");
    const labels = otherInstallation("theirs");
    const name = await foreignNamespace(slug, labels);
    const rows = await workspaceRowsFor(name, "DELETING");

    await finishWorkspaceDeletion(rows.id);

    await expect(db().workspace.findUniqueOrThrow({ where: { id: rows.id } })).resolves.toMatchObject({
      status: "DELETED",
    });
    await untouched(name, labels);
  });
});
