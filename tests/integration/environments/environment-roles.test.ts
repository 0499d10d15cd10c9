import * as k8s from "@kubernetes/client-node";
import { describe, expect, it } from "vitest";
import { authorizeWorkspace } from "@/lib/authz/guard";
import { issueKubeconfig } from "@/lib/credentials/issue-kubeconfig";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { createEnvironment } from "@/lib/environments/create-environment";
import { setEnvironmentRole, setEnvironmentRoleInput } from "@/lib/environments/environment-roles";
import { removeMember } from "@/lib/members/remove-member";
import { adminApi } from "@/lib/kube/client";
import { memberRoleBindingName } from "@/lib/tenancy/kube-names";
import { addMember, teamWorkspace } from "../../support/factories";
import { eventually, statusOf } from "../../support/kube";

// A developer who is a viewer in prod: refused by the portal's guard in prod and by
// Kubernetes RBAC with the kubeconfig issued there; in dev they still build (the positive
// control). Roles are only ever lowered per environment, and removing the member revokes
// every environment at once.

const rbac = adminApi(k8s.RbacAuthorizationV1Api);

function clusterAs(kubeconfig: string) {
  const kc = new k8s.KubeConfig();
  kc.loadFromString(kubeconfig);
  return { kc, core: kc.makeApiClient(k8s.CoreV1Api) };
}

const configMap = (name: string) => ({ metadata: { name }, data: { a: "b" } });

async function setup() {
  const { workspace, slug, context } = await teamWorkspace({ prefix: "env-roles", permission: "environment.manage" });
  await createEnvironment(context, { name: "dev" });
  await createEnvironment(context, { name: "prod" });
  const developer = await addMember(workspace.id, "DEVELOPER", { provision: true });
  const set = (environment: string, role: string) =>
    setEnvironmentRole(
      context,
      setEnvironmentRoleInput.parse({ environment, membershipId: developer.membership.id, role }),
    );
  await set("prod", "VIEWER");
  return { workspace, slug, context, developer, set };
}

describe("roles per environment", () => {
  it("refuses a viewer in prod at the portal and at the API server; the same member builds in dev", async () => {
    const { slug, developer } = await setup();
    const actor = { userId: developer.user.id };

    await expect(authorizeWorkspace(actor, slug, "runtime.write", "prod")).rejects.toMatchObject({ code: "FORBIDDEN" });
    const inProd = await authorizeWorkspace(actor, slug, "runtime.read", "prod");
    expect(inProd.membership.role).toBe("VIEWER");
    const inDev = await authorizeWorkspace(actor, slug, "runtime.write", "dev");
    expect(inDev.membership.role).toBe("DEVELOPER");
    // Workspace-wide (the default environment): the workspace role.
    expect((await authorizeWorkspace(actor, slug, "runtime.write")).membership.role).toBe("DEVELOPER");

    const prod = clusterAs((await issueKubeconfig(inProd, { label: "prod", lifetimeHours: 1 })).kubeconfig);
    const dev = clusterAs((await issueKubeconfig(inDev, { label: "dev", lifetimeHours: 1 })).kubeconfig);
    expect(prod.kc.getContexts()[0]?.namespace).toBe(`ws-${slug}--prod`);
    expect(dev.kc.getContexts()[0]?.namespace).toBe(`ws-${slug}--dev`);

    expect(
      await statusOf(() =>
        prod.core.createNamespacedConfigMap({ namespace: `ws-${slug}--prod`, body: configMap("x") }),
      ),
    ).toMatchObject({ code: 403 });
    await expect(prod.core.listNamespacedPod({ namespace: `ws-${slug}--prod` })).resolves.toBeDefined();
    await expect(
      dev.core.createNamespacedConfigMap({ namespace: `ws-${slug}--dev`, body: configMap("x") }),
    ).resolves.toBeDefined();
    // The token is the member's: what it may do in each environment is the member's role there.
    expect(
      await statusOf(() => dev.core.createNamespacedConfigMap({ namespace: `ws-${slug}--prod`, body: configMap("y") })),
    ).toMatchObject({ code: 403 });
  });

  it("only lowers a role: raising is refused with a field error, INHERIT restores the workspace role", async () => {
    const { workspace, slug, context, developer, set } = await setup();
    const error = await set("prod", "ADMIN").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).fieldErrors?.role?.[0]).toMatch(/only be lower than the member's workspace role/);
    const noDefault = await set("default", "VIEWER").catch((e: unknown) => e);
    expect((noDefault as AppError).fieldErrors?.environment).toBeDefined();

    const binding = () =>
      rbac.readNamespacedRoleBinding({
        name: memberRoleBindingName(developer.membership.id),
        namespace: `ws-${slug}--prod`,
      });
    expect((await binding()).roleRef.name).toBe("canopy-viewer");
    await set("prod", "INHERIT");
    expect((await binding()).roleRef.name).toBe("canopy-developer");
    expect(await db().environmentRole.count({ where: { membershipId: developer.membership.id } })).toBe(0);

    // A developer may not lower anyone.
    const devContext = await authorizeWorkspace({ userId: developer.user.id }, slug, "workspace.read");
    await expect(authorizeWorkspace(devContext.actor, slug, "environment.roles")).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    expect(context.workspace.id).toBe(workspace.id);
  });

  it("revokes every environment when the member is removed", async () => {
    const { workspace, slug, developer } = await setup();
    const owner = await db().membership.findFirstOrThrow({ where: { workspaceId: workspace.id, role: "OWNER" } });
    const ownerContext = await authorizeWorkspace({ userId: owner.userId }, slug, "member.remove");
    await removeMember(ownerContext, { membershipId: developer.membership.id });
    for (const namespace of [`ws-${slug}`, `ws-${slug}--dev`, `ws-${slug}--prod`]) {
      await eventually(`the binding in ${namespace} to go`, async () => {
        const status = await statusOf(() =>
          rbac.readNamespacedRoleBinding({ name: memberRoleBindingName(developer.membership.id), namespace }),
        );
        return status?.code === 404 ? true : undefined;
      });
    }
    expect(await db().environmentRole.count({ where: { membershipId: developer.membership.id } })).toBe(0);
  });
});
