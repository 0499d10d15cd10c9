import { randomBytes } from "node:crypto";
import * as k8s from "@kubernetes/client-node";
import { expect } from "@playwright/test";
import type { Prisma } from "@/lib/db/generated/client";
import { db } from "@/lib/db/client";
import { adminApi } from "@/lib/kube/client";
import { parseQuantity } from "@/lib/kube/quantity";
import { QUOTA_NAME } from "@/lib/tenancy/kube-names";
import { provisionWorkspace } from "@/lib/tenancy/provision-workspace";
import { eventually } from "../../tests/support/kube";
import { type KubeResponse } from "./fixtures/kube";
import { expectRefused } from "./fixtures/refusals";
import { type TestWorkspace } from "./fixtures/workspaces";

// Limits as a member meets them: refusals by Canopy's admission policies and by the quota,
// and plans as the operator edits them, for the checks whose limits come from the plan: a copy
// of the team plan with some fields changed, the workspace moved onto it and provisioned as
// the portal does, and the quota waited for until admission enforces it.

/** Moves the workspace onto a copy of the team plan with `changes`; returns the plan's id. */
export async function moveToPlan(workspace: TestWorkspace, changes: Prisma.PlanUpdateInput): Promise<string> {
  const team = await db().plan.findUniqueOrThrow({ where: { id: "team" } });
  const id = `iso-${randomBytes(4).toString("hex")}`;
  await db().plan.create({
    data: { ...team, id, name: `Isolation ${id}`, createdAt: undefined, updatedAt: undefined, ...changes } as never,
  });
  await db().workspace.update({ where: { id: workspace.id }, data: { planId: id } });
  await provisionWorkspace(workspace.id);
  await quotaEnforced(workspace.namespace);
  return id;
}

/** Deletes the plans moveToPlan made, once their workspaces are deleted (their rows go back to the team plan). */
export async function removePlans(ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await db().workspace.updateMany({ where: { planId: { in: ids } }, data: { planId: "team" } });
  await db().plan.deleteMany({ where: { id: { in: ids } } });
}

/** Waits until the quota controller has taken up the quota's spec (admission enforces status.hard). */
export async function quotaEnforced(namespace: string): Promise<void> {
  const amounts = (values?: Record<string, string>) =>
    JSON.stringify(
      Object.entries(values ?? {})
        .map(([key, value]) => [key, parseQuantity(value)])
        .sort(([a], [b]) => String(a).localeCompare(String(b))),
    );
  await eventually(`the quota of ${namespace} to be enforced`, async () => {
    const quota = await adminApi(k8s.CoreV1Api).readNamespacedResourceQuota({ name: QUOTA_NAME, namespace });
    const spec = amounts(quota.spec?.hard);
    const status = amounts(quota.status?.hard);
    return spec === status && quota.status?.used ? true : undefined;
  });
}

/** A 403 from one of Canopy's ValidatingAdmissionPolicies, with the words that say why. */
export function expectRefusedByPolicy(response: KubeResponse, policy: string, text: string, what: string): void {
  expectRefused(
    response,
    {
      code: 403,
      reason: "Forbidden",
      message: [`ValidatingAdmissionPolicy '${policy}' with binding '${policy}' denied request: ${text}`],
    },
    what,
  );
}

/** A 403 from the ResourceQuota: "exceeded quota: canopy-quota, requested: <key>=…". */
export function expectOverQuota(response: KubeResponse, key: string, what: string): void {
  expectRefused(
    response,
    { code: 403, reason: "Forbidden", message: [`exceeded quota: ${QUOTA_NAME}, requested: `, `limited: ${key}=`] },
    what,
  );
  expect(response.body.message, what).toContain(key);
}
