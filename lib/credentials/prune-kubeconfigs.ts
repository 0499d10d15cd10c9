import * as k8s from "@kubernetes/client-node";
import { env } from "@/lib/config/env";
import { db } from "@/lib/db/client";
import { adminApi } from "@/lib/kube/client";
import { ignoreNotFound } from "@/lib/kube/status";
import {
  CREDENTIAL_OF_LABEL,
  INSTANCE_LABEL,
  MANAGED_BY,
  MANAGED_BY_LABEL,
  MEMBERS_NAMESPACE,
  canopyInstance,
} from "@/lib/tenancy/kube-names";

// Kubeconfigs do not pile up: a Secret whose token has expired (or was revoked, or whose
// issuance never got its row) is deleted, and rows of kubeconfigs expired or revoked longer
// than CANOPY_KUBECONFIG_RETENTION_DAYS ago go too. Only this installation's Secrets are
// looked at; the worker runs this every few minutes (lib/worker/prune-loop.ts).

export interface PruneOptions {
  now?: Date;
  /** A Secret without a row is left this long: its issuance may still be writing the row. */
  orphanGraceMs?: number;
}

export interface PruneSummary {
  secretsDeleted: number;
  rowsDeleted: number;
}

const DAY_MS = 86_400_000;

export async function pruneKubeconfigs(options: PruneOptions = {}): Promise<PruneSummary> {
  const now = options.now ?? new Date();
  const orphanGraceMs = options.orphanGraceMs ?? 10 * 60_000;
  const core = adminApi(k8s.CoreV1Api);
  const secrets = await core.listNamespacedSecret({
    namespace: MEMBERS_NAMESPACE,
    labelSelector: `${MANAGED_BY_LABEL}=${MANAGED_BY},${INSTANCE_LABEL}=${canopyInstance()},${CREDENTIAL_OF_LABEL}`,
  });
  const names = secrets.items.map((s) => s.metadata!.name!);
  const rows = await db().kubeconfigCredential.findMany({
    where: { secretName: { in: names } },
    select: { secretName: true, expiresAt: true, revokedAt: true },
  });
  const byName = new Map(rows.map((row) => [row.secretName, row]));
  const dead = secrets.items.filter((secret) => {
    const row = byName.get(secret.metadata!.name!);
    if (!row) {
      const created = secret.metadata?.creationTimestamp ? new Date(secret.metadata.creationTimestamp).getTime() : 0;
      return now.getTime() - created >= orphanGraceMs;
    }
    return row.revokedAt !== null || row.expiresAt <= now;
  });
  await Promise.all(
    dead.map((secret) =>
      ignoreNotFound(core.deleteNamespacedSecret({ name: secret.metadata!.name!, namespace: MEMBERS_NAMESPACE })),
    ),
  );

  const cutoff = new Date(now.getTime() - env().CANOPY_KUBECONFIG_RETENTION_DAYS * DAY_MS);
  const { count } = await db().kubeconfigCredential.deleteMany({
    where: { OR: [{ expiresAt: { lt: cutoff } }, { revokedAt: { lt: cutoff } }] },
  });
  return { secretsDeleted: dead.length, rowsDeleted: count };
}
