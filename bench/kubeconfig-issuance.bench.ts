import { randomBytes } from "node:crypto";
import * as k8s from "@kubernetes/client-node";
import { authorizeWorkspace } from "@/lib/authz/guard";
import { issueKubeconfig } from "@/lib/credentials/issue-kubeconfig";
import { db } from "@/lib/db/client";
import { adminApi } from "@/lib/kube/client";
import { INSTANCE_LABEL, MEMBERS_NAMESPACE, canopyInstance, memberServiceAccountName } from "@/lib/tenancy/kube-names";
import { createTeamWorkspace } from "@/lib/workspaces/create-workspace";
import { deleteBenchObjects, resetBenchDatabase, tag, timed, type Benchmark } from "./support";

// A member downloads a kubeconfig: issueKubeconfig (read the member's ServiceAccount, a
// Secret to bind the token to, a TokenRequest, the credential row and audit event, the
// file), against the floor of the same three Kubernetes calls alone.

const SIZES = { smoke: { warmup: 3, runs: 10 }, full: { warmup: 10, runs: 200 } };

async function floorRun(membershipId: string): Promise<number> {
  return timed(async () => {
    const core = adminApi(k8s.CoreV1Api);
    const account = await core.readNamespacedServiceAccount({
      name: memberServiceAccountName(membershipId),
      namespace: MEMBERS_NAMESPACE,
    });
    const name = `kubeconfig-${randomBytes(8).toString("hex")}`;
    const secret = await core.createNamespacedSecret({
      namespace: MEMBERS_NAMESPACE,
      body: {
        metadata: {
          name,
          labels: { [INSTANCE_LABEL]: canopyInstance() },
          ownerReferences: [
            { apiVersion: "v1", kind: "ServiceAccount", name: account.metadata!.name!, uid: account.metadata!.uid! },
          ],
        },
        type: "Opaque",
      },
    });
    await core.createNamespacedServiceAccountToken({
      name: account.metadata!.name!,
      namespace: MEMBERS_NAMESPACE,
      body: {
        spec: {
          audiences: [],
          expirationSeconds: 24 * 3600,
          boundObjectRef: { apiVersion: "v1", kind: "Secret", name, uid: secret.metadata!.uid! },
        },
      },
    });
  });
}

export const benchmark: Benchmark = {
  name: "kubeconfig-issuance",
  description: "issueKubeconfig for a member vs the bare Kubernetes calls (read SA, create Secret, TokenRequest)",
  async run(size, log) {
    const { warmup, runs } = SIZES[size];
    await resetBenchDatabase();
    try {
      const t = tag();
      const user = await db().user.create({
        data: { name: `Bench ${t}`, email: `bench-${t}@bench.canopy.test`, emailVerified: new Date() },
      });
      const actor = { userId: user.id };
      const { slug } = await createTeamWorkspace(actor, { displayName: `Bench ${t}`, slug: `bench-kc-${t}` });
      const context = await authorizeWorkspace(actor, slug, "kubeconfig.issue");
      const input = { label: "bench", lifetimeHours: 24 };
      const issue = async () => {
        const issued = await issueKubeconfig(context, input);
        if (!issued.kubeconfig.includes("token:")) throw new Error("the kubeconfig has no token");
      };
      log(`${warmup} warm-up + ${runs} measured runs`);
      for (let i = 0; i < warmup; i++) {
        await issue();
        await floorRun(context.membership.id);
      }
      const product: number[] = [];
      const floor: number[] = [];
      for (let i = 0; i < runs; i++) {
        if (i % 2 === 0) {
          product.push(await timed(issue));
          floor.push(await floorRun(context.membership.id));
        } else {
          floor.push(await floorRun(context.membership.id));
          product.push(await timed(issue));
        }
      }
      return {
        figures: [
          {
            name: "issueKubeconfig",
            samples: product,
            targets: { p99: 100, floorRatio: 1.5 },
            floor: { name: "bare Kubernetes calls", samples: floor },
          },
        ],
        params: { warmup, runs, lifetimeHours: input.lifetimeHours },
        notes: [
          "Times issueKubeconfig alone (the guard ran once before); every run issues a new credential for the same member.",
          "The floor reads the member's ServiceAccount, creates a Secret owned by it and a TokenRequest bound to that Secret, with the admin client.",
        ],
      };
    } finally {
      const deleted = await deleteBenchObjects();
      log(`deleted ${deleted} bench namespaces and the bench members' ServiceAccounts and Secrets`);
    }
  },
};
