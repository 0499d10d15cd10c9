import * as k8s from "@kubernetes/client-node";
import { db } from "@/lib/db/client";
import { adminApi } from "@/lib/kube/client";
import { isShuttingDown } from "@/lib/health/lifecycle";

export interface Health {
  ok: boolean;
  database: boolean;
  kubernetes: boolean;
}

export interface Readiness extends Health {
  shuttingDown: boolean;
}

async function succeeds(probe: () => Promise<unknown>): Promise<boolean> {
  try {
    await probe();
    return true;
  } catch {
    return false;
  }
}

export async function checkHealth(): Promise<Health> {
  const [database, kubernetes] = await Promise.all([
    succeeds(() => db().$queryRaw`SELECT 1`),
    succeeds(() => adminApi(k8s.VersionApi).getCode()),
  ]);
  return { ok: database && kubernetes, database, kubernetes };
}

/** Ready for traffic: PostgreSQL and the Kubernetes API answer, and the process is not draining. */
export async function checkReadiness(): Promise<Readiness> {
  // A draining process is not ready whatever its dependencies say; do not wait on them.
  if (isShuttingDown()) return { ok: false, shuttingDown: true, database: false, kubernetes: false };
  const health = await checkHealth();
  return { ...health, ok: health.ok && !isShuttingDown(), shuttingDown: isShuttingDown() };
}
