import { randomBytes } from "node:crypto";
import * as k8s from "@kubernetes/client-node";
import { expect, test } from "@playwright/test";
import { adminApi } from "@/lib/kube/client";
import { eventually } from "../../tests/support/kube";
import { apiPath, type MemberKube } from "./fixtures/kube";
import { expectAllowed } from "./fixtures/refusals";
import {
  addMembers,
  downloadKubeconfig,
  openPortal,
  removeWorkspaces,
  teamWorkspace,
  type Portal,
  type TestWorkspace,
} from "./fixtures/workspaces";
import { expectRefusedByPolicy } from "./limit-fixtures";

// Two ways past the walls that a member who may create Secrets and claims would otherwise
// have (lib/tenancy/claim-and-secret-policies.ts): a Secret the cluster fills with a token
// that never expires, and a claim on a PersistentVolume the workspace did not get from its
// own claims. A developer's kubeconfig; the victim volume is made by the admin, as an
// operator's retained or pre-provisioned volume would be.

test.describe.configure({ mode: "serial" });

const CLAIMS_POLICY = "canopy-workspace-volume-claims";

test.describe("credentials and volumes a workspace may not take", () => {
  let portal: Portal;
  let workspace: TestWorkspace;
  let kube: MemberKube;
  const victim = `canopy-isolation-victim-${randomBytes(4).toString("hex")}`;
  const claims = () => apiPath("", "persistentvolumeclaims", { namespace: workspace.namespace });

  test.beforeAll(async ({ playwright }, testInfo) => {
    portal = await openPortal(playwright, testInfo);
    workspace = await teamWorkspace(portal, "iso-tok");
    const [developer] = await addMembers(portal, workspace, ["DEVELOPER"]);
    ({ kube } = await downloadKubeconfig(portal, workspace.slug, developer!));
    // Someone else's data on an Available volume of the plan's class. Read-only-many only,
    // so that no ordinary (read-write-once) claim on the cluster binds it by chance.
    await adminApi(k8s.CoreV1Api).createPersistentVolume({
      body: {
        metadata: { name: victim, labels: { "canopy.test/victim": victim } },
        spec: {
          storageClassName: "standard",
          capacity: { storage: "1Gi" },
          accessModes: ["ReadOnlyMany"],
          persistentVolumeReclaimPolicy: "Retain",
          hostPath: { path: `/tmp/${victim}` },
        },
      },
    });
  });

  test.afterAll(async () => {
    await removeWorkspaces([workspace]);
    await adminApi(k8s.CoreV1Api)
      .deletePersistentVolume({ name: victim })
      .catch(() => undefined);
    await portal?.api.dispose();
  });

  test("a Secret of type service-account-token is refused; an Opaque Secret is created", async () => {
    const secrets = apiPath("", "secrets", { namespace: workspace.namespace });
    const tokenSecret = {
      apiVersion: "v1",
      kind: "Secret",
      metadata: { name: "forever", annotations: { "kubernetes.io/service-account.name": "default" } },
      type: "kubernetes.io/service-account-token",
    };
    expectRefusedByPolicy(
      await kube.request("POST", secrets, tokenSecret),
      "canopy-workspace-secrets",
      "Secrets of type kubernetes.io/service-account-token are not allowed in a Canopy workspace",
      "a long-lived token Secret for the namespace's default ServiceAccount",
    );
    const opaque = { ...tokenSecret, metadata: { name: "plain" }, type: "Opaque", stringData: { key: "value" } };
    expectAllowed(await kube.request("POST", secrets, opaque), "an Opaque Secret");
  });

  test("a claim cannot bind a volume it did not get: not by name, not by labels, not from another source", async () => {
    const claim = (name: string, spec: Partial<k8s.V1PersistentVolumeClaimSpec> = {}) => ({
      apiVersion: "v1",
      kind: "PersistentVolumeClaim",
      metadata: { name },
      spec: {
        storageClassName: "standard",
        accessModes: ["ReadOnlyMany"],
        resources: { requests: { storage: "1Gi" } },
        ...spec,
      },
    });
    expectRefusedByPolicy(
      await kube.request("POST", claims(), claim("by-name", { volumeName: victim })),
      CLAIMS_POLICY,
      "spec.volumeName may not be set in a Canopy workspace",
      "a claim naming another's volume",
    );
    expectRefusedByPolicy(
      await kube.request(
        "POST",
        claims(),
        claim("by-label", { selector: { matchLabels: { "canopy.test/victim": victim } } }),
      ),
      CLAIMS_POLICY,
      "spec.selector may not be set in a Canopy workspace",
      "a claim picking another's volume by its labels",
    );
    const fromSnapshot = claim("from-snapshot", {
      dataSource: { apiGroup: "snapshot.storage.k8s.io", kind: "VolumeSnapshot", name: "theirs" },
    });
    expectRefusedByPolicy(
      await kube.request("POST", claims(), fromSnapshot),
      CLAIMS_POLICY,
      "a claim in a Canopy workspace can only be made from another claim of the same workspace",
      "a claim made from a snapshot",
    );

    // Positive control: an ordinary claim gets a new volume of its own, never the victim.
    const own = claim("own", { accessModes: ["ReadWriteOnce"] });
    expectAllowed(await kube.request("POST", claims(), own), "an ordinary claim");
    const bound = await eventually("the ordinary claim to be bound", async () => {
      const read = await kube.request("GET", `${claims()}/own`);
      const spec = (read.body as k8s.V1PersistentVolumeClaim).spec;
      return (read.body as k8s.V1PersistentVolumeClaim).status?.phase === "Bound" ? spec?.volumeName : undefined;
    });
    expect(bound).not.toBe(victim);
    const volume = await adminApi(k8s.CoreV1Api).readPersistentVolume({ name: victim });
    expect(volume.status?.phase, "the victim volume is still unclaimed").toBe("Available");
  });
});
