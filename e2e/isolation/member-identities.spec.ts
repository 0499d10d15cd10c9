import { test } from "@playwright/test";
import type { Role } from "@/lib/authz/permissions";
import { MEMBERS_NAMESPACE, memberServiceAccountName } from "@/lib/tenancy/kube-names";
import { apiPath, type MemberKube } from "./fixtures/kube";
import { expectAllowed, rbacDenial, RefusalTable } from "./fixtures/refusals";
import {
  kubeconfigsByRole,
  openPortal,
  removeWorkspaces,
  teamWorkspace,
  type Member,
  type Portal,
  type TestWorkspace,
} from "./fixtures/workspaces";

// The members' identities in canopy-members are out of every tenant role's reach, the
// owner's included: no role can mint a token for a member's ServiceAccount (its own, the
// owner's) or read, list or delete the Secrets its kubeconfigs are bound to.

test.describe.configure({ mode: "serial" });

test.describe("members' identities", () => {
  let portal: Portal;
  let workspace: TestWorkspace;
  let members: Map<Role, { member: Member; kube: MemberKube }>;

  test.beforeAll(async ({ playwright }, testInfo) => {
    portal = await openPortal(playwright, testInfo);
    workspace = await teamWorkspace(portal, "iso-ident");
    members = await kubeconfigsByRole(portal, workspace, ["VIEWER", "DEVELOPER", "ADMIN"]);
  });

  test.afterAll(async () => {
    await removeWorkspaces([workspace]);
    await portal?.api.dispose();
  });

  test("no role can mint a token for, or read the Secrets of, the members' identities", async () => {
    const owner = members.get("OWNER")!.member;
    for (const { member, kube } of members.values()) {
      const table = new RefusalTable();
      const denial = (verb: string, resource: string) =>
        rbacDenial(kube.username, verb, resource, "", MEMBERS_NAMESPACE);
      const accounts = [
        memberServiceAccountName(member.membershipId),
        memberServiceAccountName(owner.membershipId),
        "default",
      ];
      for (const account of accounts) {
        const path = apiPath("", "serviceaccounts", {
          namespace: MEMBERS_NAMESPACE,
          name: account,
          subresource: "token",
        });
        const request = { apiVersion: "authentication.k8s.io/v1", kind: "TokenRequest", spec: { audiences: [] } };
        table.record(
          `token for ${account}`,
          await kube.request("POST", path, request),
          denial("create", "serviceaccounts/token"),
        );
      }
      // The Secret this very kubeconfig's token is bound to.
      const claims = JSON.parse(Buffer.from(kube.token.split(".")[1]!, "base64url").toString()) as {
        "kubernetes.io": { secret: { name: string } };
      };
      const secrets = apiPath("", "secrets", { namespace: MEMBERS_NAMESPACE });
      const ownSecret = apiPath("", "secrets", {
        namespace: MEMBERS_NAMESPACE,
        name: claims["kubernetes.io"].secret.name,
      });
      table.record("list secrets", await kube.request("GET", secrets), denial("list", "secrets"));
      table.record("get the own kubeconfig's secret", await kube.request("GET", ownSecret), denial("get", "secrets"));
      table.record(
        "delete the own kubeconfig's secret",
        await kube.request("DELETE", ownSecret),
        denial("delete", "secrets"),
      );
      table.record(
        "list serviceaccounts",
        await kube.request("GET", apiPath("", "serviceaccounts", { namespace: MEMBERS_NAMESPACE })),
        denial("list", "serviceaccounts"),
      );
      // Nor for the ServiceAccount pods in the own namespace run as.
      table.record(
        "token for default in the own namespace",
        await kube.request(
          "POST",
          apiPath("", "serviceaccounts", { namespace: workspace.namespace, name: "default", subresource: "token" }),
          { apiVersion: "authentication.k8s.io/v1", kind: "TokenRequest", spec: { audiences: [] } },
        ),
        rbacDenial(kube.username, "create", "serviceaccounts/token", "", workspace.namespace),
      );
      table.verify();
      // Positive control: the same credential works in its own namespace.
      expectAllowed(
        await kube.request("GET", apiPath("", "pods", { namespace: workspace.namespace })),
        "list own pods",
      );
    }
  });
});
