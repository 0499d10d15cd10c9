import { randomBytes } from "node:crypto";
import { expect, test, type Locator } from "@playwright/test";
import { stackImage } from "../tests/support/real-node";
import { createWorkspaceInBrowser, signIn } from "./support/fixtures";

// A public endpoint's readiness in the browser, on the real node and the stack's real
// ingress controller: the preflight says the host is free (and, for a second runtime,
// taken) and which certificate it will be served; the runtime's page shows the address,
// the certificate and "reachable" once the pod runs, "not reachable" with the reason once
// it is stopped, and reachable again after starting it from zero.

function check(list: Locator, label: string): Locator {
  return list.getByRole("listitem").filter({ hasText: new RegExp(`${label} \\((ready|waiting|not ready)\\):`) });
}

test("the preflight and the runtime's page say whether the public endpoint has an address, a certificate and answers", async ({
  page,
}) => {
  test.setTimeout(240_000);
  await signIn(page, "alice");
  const slug = `ep-${randomBytes(4).toString("hex")}`;
  await createWorkspaceInBrowser(page, { slug, name: `Endpoint ${slug}` });
  const prefix = `site-${randomBytes(3).toString("hex")}`;
  const host = `${prefix}.apps.canopy.localhost`;

  const fillForm = async (name: string) => {
    await page.goto(`/w/${slug}/runtimes/new`);
    const form = page.getByRole("form", { name: "Create runtime" });
    await form.getByLabel("Name", { exact: true }).fill(name);
    await form.getByLabel("Image").fill(stackImage("web:1"));
    await form.getByLabel("CPU", { exact: true }).fill("100m");
    await form.getByLabel("Memory", { exact: true }).fill("64Mi");
    await form.getByRole("button", { name: "Add port" }).click();
    await form.getByLabel("Port 1", { exact: true }).fill("8080");
    await form.getByLabel("Give this runtime a public HTTPS address").check();
    await form.getByLabel("Host name prefix").fill(prefix);
    return form;
  };

  // Before creating: the host is free and the stack's ingress class will serve it; the
  // certificate is the one the ingress controller serves for that name today.
  const form = await fillForm("site");
  const preflight = page.getByRole("region", { name: "Preflight" });
  await expect(preflight.getByText("The cluster would accept this runtime.")).toBeVisible();
  const planned = preflight.getByRole("list", { name: "Public endpoint checks" });
  await expect(check(planned, "Address")).toContainText(
    `${host} is free; the ingress class canopy will serve it at 127.0.0.1.`,
  );
  await expect(check(planned, "Address")).toHaveAttribute("data-state", "ready");
  // The local stack's Traefik has no wildcard certificate: it serves its own, self-signed.
  await expect(check(planned, "Certificate")).toContainText("TRAEFIK DEFAULT CERT");
  await expect(check(planned, "Certificate")).toContainText("it is self-signed");
  await expect(check(planned, "Certificate")).toContainText("a certificate for *.apps.canopy.localhost");
  await form.getByRole("button", { name: "Create runtime" }).click();
  await expect(page).toHaveURL(new RegExp(`/w/${slug}/runtimes/site$`));

  // Once the pod runs: an address, and the runtime's own answer through the ingress.
  const endpoint = page.getByRole("region", { name: "Public endpoint" });
  const live = endpoint.getByRole("list", { name: "Endpoint checks" });
  await expect(check(live, "Reachable")).toContainText("Answered 200 OK through the ingress.", { timeout: 120_000 });
  await expect(check(live, "Reachable")).toHaveAttribute("data-state", "ready");
  await expect(check(live, "Address")).toHaveAttribute("data-state", "ready");
  await expect(check(live, "Address")).toContainText("127.0.0.1");
  await expect(check(live, "Certificate")).toContainText("TRAEFIK DEFAULT CERT");

  // Stopped: the ingress has no pod to send the request to, and the page says what to do.
  await page.getByRole("button", { name: "Stop", exact: true }).click();
  await expect(check(live, "Reachable")).toContainText(
    "Not reachable: the ingress answered 503 Service Unavailable, so no pod of the runtime served the request.",
    { timeout: 60_000 },
  );
  await expect(check(live, "Reachable")).toHaveAttribute("data-state", "failed");
  await expect(check(live, "Reachable")).toContainText("The runtime is stopped (0 replicas): start it or scale it up.");

  // Started from zero: it answers again.
  await page.getByRole("button", { name: "Start", exact: true }).click();
  await expect(check(live, "Reachable")).toContainText("Answered 200 OK through the ingress.", { timeout: 120_000 });

  // A second runtime asking for the same host: the preflight says it is taken.
  await fillForm("copy");
  const taken = page.getByRole("region", { name: "Preflight" }).getByRole("list", { name: "Public endpoint checks" });
  await expect(check(taken, "Address")).toContainText(`${host} is taken: another runtime already uses it.`);
  await expect(check(taken, "Address")).toContainText("Choose another host name prefix.");
  await expect(check(taken, "Address")).toHaveAttribute("data-state", "failed");

  // Clean up the real pod (the node has 2 CPUs for everyone).
  await page.goto(`/w/${slug}/runtimes/site`);
  await page.getByRole("button", { name: "Stop", exact: true }).click();
  await expect(page.getByTestId("runtime-ready")).toHaveText("0/0", { timeout: 60_000 });
});
