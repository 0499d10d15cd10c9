import { describe, expect, it } from "vitest";
import { renderChart } from "../../support/helm";

// values.schema.json: a wrong or missing value fails `helm install`/`template` naming it.
// Every refusal has its positive control: the same value, right, renders.

function refusal(sets: string[], valuesFiles?: string[]): string {
  const rendered = renderChart(sets, valuesFiles);
  expect(rendered.ok, "the chart rendered although a value was wrong").toBe(false);
  return rendered.stderr;
}

describe("the chart's values schema", () => {
  it("renders with the local stack's values", () => {
    expect(renderChart().ok).toBe(true);
  });

  it("names a missing required Secret reference", () => {
    expect(refusal([], [])).toMatch(/url|database|nextauth/);
    const stderr = refusal(["database.existingSecret="]);
    expect(stderr).toContain("/database/existingSecret");
    expect(renderChart(["database.existingSecret=other-db"]).ok).toBe(true);
  });

  it("names a portal address that is not a URL", () => {
    expect(refusal(["url=canopy.example.com"])).toContain("/url");
    expect(renderChart(["url=https://canopy.example.com"]).ok).toBe(true);
  });

  it("passes the first platform administrators to the portal, and names one that is not an address", () => {
    expect(refusal(["platformAdminEmails={ops.example.com}"])).toContain("/platformAdminEmails/0");
    const rendered = renderChart(["platformAdminEmails={ops@example.com,sre@example.com}"]);
    const config = rendered.objects.find((o) => o.kind === "ConfigMap") as { data: Record<string, string> };
    expect(config.data.CANOPY_PLATFORM_ADMIN_EMAILS).toBe("ops@example.com,sre@example.com");
  });

  it("names a replica count below one and one of the wrong type", () => {
    expect(refusal(["portal.replicas=0"])).toContain("/portal/replicas");
    expect(refusal(["worker.replicas=two"])).toContain("/worker/replicas");
    expect(renderChart(["portal.replicas=3", "worker.replicas=3"]).ok).toBe(true);
  });

  it("names a misspelt setting instead of ignoring it", () => {
    expect(refusal(["portal.replicaz=3"])).toContain("replicaz");
    expect(refusal(["settings.kubeconfigMaxHour=3"])).toContain("kubeconfigMaxHour");
  });

  it("names a sign-in provider without the Secret of its client secret", () => {
    expect(refusal(["auth.github.clientId=abc"])).toContain("/auth/github/existingSecret");
    expect(renderChart(["auth.github.clientId=abc", "auth.github.existingSecret=github"]).ok).toBe(true);
  });

  it("names a network that is not a CIDR block", () => {
    expect(refusal(["settings.clusterPodCidrs={10.0.0.0}"])).toContain("/settings/clusterPodCidrs/0");
    expect(renderChart(["settings.clusterPodCidrs={10.0.0.0/8}"]).ok).toBe(true);
  });

  it("names the Ingress host when the Ingress is on without one", () => {
    expect(refusal(["portal.ingress.host="])).toContain("/portal/ingress/host");
    expect(renderChart(["portal.ingress.host=", "portal.ingress.enabled=false"]).ok).toBe(true);
  });
});
