import * as k8s from "@kubernetes/client-node";
import { db } from "@/lib/db/client";
import { adminApi } from "@/lib/kube/client";

export interface Health {
  ok: boolean;
  database: boolean;
  kubernetes: boolean;
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
