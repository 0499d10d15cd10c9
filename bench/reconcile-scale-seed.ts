import { performance } from "node:perf_hooks";
import * as k8s from "@kubernetes/client-node";
import { adminApi } from "@/lib/kube/client";
import { INSTANCE_LABEL, canopyInstance } from "@/lib/tenancy/kube-names";
import { provisionWorkspace } from "@/lib/tenancy/provision-workspace";
import { deleteBenchObjects, resetBenchDatabase, seedWorkspaceRows } from "./support";

// reconcile-at-scale's workspaces: rows seeded in bulk (ids rb-w-<n>, namespaces ws-rb-<n>,
// so no other benchmark's seeds collide), then each bundle applied by the product's own
// provisionWorkspace, a few at a time (each holds a database connection while it applies).
// And their removal, waiting until every namespace is really gone.

const CONCURRENCY = 10;
// The namespace controller deletes ~3 namespaces a second on this machine: allow for that.
const goneWithinMs = (namespaces: number) => 20 * 60_000 + namespaces * 500;

export async function seedProvisionedWorkspaces(from: number, to: number, log: (m: string) => void): Promise<void> {
  await seedWorkspaceRows(from, to, "team", "rb");
  let next = from;
  let done = 0;
  const start = performance.now();
  const lanes = Array.from({ length: CONCURRENCY }, async () => {
    while (next <= to) {
      const k = next++;
      await provisionWorkspace(`rb-w-${k}`);
      if (++done % 500 === 0) {
        const rate = done / ((performance.now() - start) / 1000);
        log(`applied ${done}/${to - from + 1} workspaces (${rate.toFixed(0)}/s)`);
      }
    }
  });
  await Promise.all(lanes);
}

/** Deletes the bench instance's namespaces and rows; resolves once no namespace of it is left. */
export async function removeSeededWorkspaces(
  log: (m: string) => void,
): Promise<{ namespaces: number; seconds: number }> {
  const start = performance.now();
  const namespaces = await deleteBenchObjects();
  await resetBenchDatabase();
  const core = adminApi(k8s.CoreV1Api);
  const labelSelector = `${INSTANCE_LABEL}=${canopyInstance()}`;
  for (;;) {
    const count = (await core.listNamespace({ labelSelector })).items.length;
    if (count === 0) break;
    if (performance.now() - start > goneWithinMs(namespaces)) throw new Error(`${count} namespaces still terminating`);
    log(`${count} namespaces still terminating`);
    await new Promise((resolve) => setTimeout(resolve, 30_000));
  }
  return { namespaces, seconds: (performance.now() - start) / 1000 };
}
