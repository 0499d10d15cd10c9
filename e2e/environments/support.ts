import * as k8s from "@kubernetes/client-node";
import type { Browser, Page } from "@playwright/test";
import { createEnvironment } from "@/lib/environments/create-environment";
import { moveQuota, moveQuotaInput } from "@/lib/environments/move-quota";
import { adminApi } from "@/lib/kube/client";
import { teamWorkspace } from "../../tests/support/factories";
import { createSession } from "../../tests/support/session";

// What the environment console specs share: a team workspace with dev and prod made
// through the domain (dev with a core, a GiB and five pods of the quota; prod with none),
// and a browser signed in as one of its people.

export async function workspaceWithEnvironments(prefix: string) {
  const made = await teamWorkspace({ prefix, permission: "environment.manage" });
  await createEnvironment(made.context, { name: "dev", displayName: "Dev" });
  await createEnvironment(made.context, { name: "prod", displayName: "Prod" });
  await moveQuota(made.context, moveQuotaInput.parse({ from: "default", to: "dev", cpu: "1", memory: "1", pods: "5" }));
  return made;
}

export async function pageAs(browser: Browser, baseURL: string, userId: string): Promise<Page> {
  const session = await createSession(userId, baseURL);
  const context = await browser.newContext();
  const [name, value] = session.cookie.split("=") as [string, string];
  await context.addCookies([{ name, value, url: baseURL }]);
  return context.newPage();
}

/** The names of the Deployments in a namespace, read with the portal's own identity. */
export async function deploymentsIn(namespace: string): Promise<string[]> {
  const list = await adminApi(k8s.AppsV1Api).listNamespacedDeployment({ namespace });
  return list.items.map((d) => d.metadata?.name ?? "");
}

/** Removes a runtime's Deployment, so the real node's two cores are not held after the test. */
export async function removeDeployment(namespace: string, name: string): Promise<void> {
  await adminApi(k8s.AppsV1Api)
    .deleteNamespacedDeployment({ name, namespace })
    .catch(() => undefined);
}
