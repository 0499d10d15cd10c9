import { describe, expect, it } from "vitest";
import { metricsRegistry } from "@/lib/observability/metrics";
import { provisionWorkspace } from "@/lib/tenancy/provision-workspace";
import { reconcileAll } from "@/lib/tenancy/reconcile";
import { teamWorkspace } from "../../support/factories";

// Provisioning and reconciling, measured where they happen (lib/tenancy), against the real
// apiserver and PostgreSQL: the process's registry counts each run under its outcome.

async function count(name: string, labels: Record<string, string>): Promise<number> {
  const metric = await metricsRegistry.getSingleMetric(name)?.get();
  const value = metric?.values.find(
    (v) =>
      (v as { metricName?: string }).metricName === `${name}_count` &&
      Object.entries(labels).every(([key, expected]) => v.labels[key] === expected),
  );
  return value?.value ?? 0;
}

async function total(name: string, labels: Record<string, string>): Promise<number> {
  const metric = await metricsRegistry.getSingleMetric(name)?.get();
  return metric?.values.find((v) => Object.entries(labels).every(([k, e]) => v.labels[k] === e))?.value ?? 0;
}

describe("convergence metrics", () => {
  it("times each provisioning under its outcome: ok, or the AppError code", async () => {
    const ok = () => count("canopy_workspace_provision_duration_seconds", { outcome: "ok" });
    const notFound = () => count("canopy_workspace_provision_duration_seconds", { outcome: "NOT_FOUND" });
    const [okBefore, notFoundBefore] = [await ok(), await notFound()];

    const { workspace } = await teamWorkspace({ prefix: "obs" }); // provisions once
    expect(await ok()).toBe(okBefore + 1);
    await provisionWorkspace(workspace.id);
    expect(await ok()).toBe(okBefore + 2);

    await expect(provisionWorkspace("no-such-workspace")).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await notFound()).toBe(notFoundBefore + 1);
    expect(await ok()).toBe(okBefore + 2);
  });

  it("times each reconcile pass and counts what it did", async () => {
    const passes = async () =>
      (await count("canopy_reconcile_pass_duration_seconds", { outcome: "ok" })) +
      (await count("canopy_reconcile_pass_duration_seconds", { outcome: "partial" }));
    const converged = () => total("canopy_reconcile_results_total", { result: "converged" });
    const [passesBefore, convergedBefore] = [await passes(), await converged()];

    const summary = await reconcileAll({ all: true });
    expect(await passes()).toBe(passesBefore + 1);
    expect(summary.converged).toBeGreaterThan(0);
    expect(await converged()).toBe(convergedBefore + summary.converged);
  });
});
