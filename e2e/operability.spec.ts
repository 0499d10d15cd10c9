import { randomBytes } from "node:crypto";
import { connect } from "node:net";
import { expect, test } from "@playwright/test";
import { db } from "@/lib/db/client";
import { createUser } from "../tests/support/factories";
import { pageSignedInAs } from "./support/session-page";
import { seriesValue, startPortal, type PortalProcess } from "./support/portal-process";

// The portal process as an operator sees it (issue 14, operability): its metrics on a port
// of their own, its JSON logs with a request id, its readiness and its graceful shutdown.
// Each test runs a portal process of its own (same build as the other browser tests).

const REQUESTS = "canopy_portal_http_request_duration_seconds_count";
const OUTCOMES = "canopy_portal_action_outcomes_total";

async function metricsOf(portal: PortalProcess): Promise<string> {
  const response = await fetch(portal.metricsUrl);
  expect(response.status).toBe(200);
  return response.text();
}

test.describe("portal operability", () => {
  let portal: PortalProcess | undefined;
  test.afterEach(async () => {
    if (portal && portal.child.exitCode === null) {
      portal.child.kill("SIGKILL");
      await portal.exited;
    }
    portal = undefined;
  });

  test("/metrics counts a request under its route pattern and an action under its name and outcome", async ({
    browser,
  }) => {
    portal = await startPortal();
    const slug = `obs-${randomBytes(4).toString("hex")}`;
    const quota = { route: "/api/w/[slug]/quota", method: "GET", status_class: "4xx" };
    expect(seriesValue(await metricsOf(portal), REQUESTS, quota)).toBeUndefined();

    // A request with a workspace's slug in its path, refused (no session).
    expect((await fetch(`${portal.url}/api/w/${slug}/quota`)).status).toBe(401);
    // The request is counted when the server finishes it, which can come just after the
    // client has its answer: read the metrics until it shows.
    await expect.poll(async () => seriesValue(await metricsOf(portal!), REQUESTS, quota)).toBe(1);
    let metrics = await metricsOf(portal);
    expect(seriesValue(metrics, REQUESTS, quota)).toBe(1);
    expect(seriesValue(metrics, OUTCOMES, { kind: "route", action: "quota.read", outcome: "UNAUTHENTICATED" })).toBe(1);
    expect(metrics).not.toContain(slug);

    // A server action, from the browser: "Mark all read" on the notifications page.
    const user = await createUser("Operator");
    await db().notification.create({
      data: { userId: user.id, kind: "QUOTA", key: `obs:${slug}`, title: "Quota almost used" },
    });
    const markAllRead = { kind: "action", action: "notification.mark-all-read", outcome: "ok" };
    expect(seriesValue(metrics, OUTCOMES, markAllRead)).toBeUndefined();
    const page = await pageSignedInAs(browser, user.id, portal.url);
    await page.goto(`${portal.url}/notifications`);
    await page.getByRole("button", { name: "Mark all read" }).click();
    await expect(page.getByRole("button", { name: "Mark all read" })).toBeDisabled();
    await page.context().close();
    await expect.poll(async () => seriesValue(await metricsOf(portal!), OUTCOMES, markAllRead)).toBe(1);
    metrics = await metricsOf(portal);
    expect(seriesValue(metrics, OUTCOMES, markAllRead)).toBe(1);
    expect(seriesValue(metrics, REQUESTS, { route: "/notifications", method: "POST", status_class: "2xx" })).toBe(1);

    // Only the metrics port serves them: the portal's public address does not.
    const publicMetrics = await fetch(`${portal.url}/metrics`);
    expect(publicMetrics.status).toBe(404);
    expect(await publicMetrics.text()).not.toContain(REQUESTS);
  });

  test("every request's log line carries the id its response header carries", async () => {
    portal = await startPortal();
    const given = `e2e-${randomBytes(6).toString("hex")}`;
    const kept = await fetch(`${portal.url}/api/livez`, { headers: { "x-request-id": given } });
    expect(kept.status).toBe(200);
    expect(kept.headers.get("x-request-id")).toBe(given);
    const line = await portal.waitForLine((l) => l.requestId === given && l.msg === "request");
    expect(line).toMatchObject({ method: "GET", route: "/api/livez", status: 200, completed: true });
    expect(typeof line.durationMs).toBe("number");

    // An id that is not a plain token is replaced by one of the portal's own.
    const replaced = await fetch(`${portal.url}/w/some-workspace`, {
      headers: { "x-request-id": "<script>x</script>" },
      redirect: "manual",
    });
    const id = replaced.headers.get("x-request-id")!;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const own = await portal.waitForLine((l) => l.requestId === id && l.msg === "request");
    expect(own.route).toBe("/w/[slug]");
    expect(JSON.stringify(portal.lines)).not.toContain("<script>");
  });

  test("SIGTERM: readiness fails at once, the request in flight completes, the process exits 0", async () => {
    portal = await startPortal({ CANOPY_SHUTDOWN_GRACE_SECONDS: "25" });
    const ready = await fetch(`${portal.url}/api/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ ok: true, database: true, kubernetes: true, shuttingDown: false });

    // A slow request: its headers now (the server answers "100 Continue" once it has
    // taken the request), its body only after SIGTERM.
    const port = Number(new URL(portal.url).port);
    const socket = connect(port, "127.0.0.1");
    let received = "";
    socket.on("data", (chunk) => (received += chunk.toString("utf8")));
    const ended = new Promise<void>((resolve) => socket.once("end", () => resolve()));
    const body = "csrfToken=not-a-token&callbackUrl=%2F";
    socket.write(
      `POST /api/auth/signout HTTP/1.1\r\nHost: localhost:${port}\r\nOrigin: ${portal.url}\r\n` +
        `Content-Type: application/x-www-form-urlencoded\r\nContent-Length: ${body.length}\r\n` +
        `Expect: 100-continue\r\nx-request-id: slow-request-0001\r\n\r\n`,
    );
    await expect.poll(() => received).toContain("100 Continue");

    portal.child.kill("SIGTERM");
    await portal.waitForLine((l) => l.msg === "shutting down: draining requests");
    // Not ready any more: no new connection is taken (or, on one already open, 503).
    const during = await fetch(`${portal.url}/api/readyz`).then(
      (r) => r.status,
      () => "refused",
    );
    expect([503, "refused"]).toContain(during);
    expect(portal.child.exitCode).toBeNull();

    socket.write(body);
    await ended;
    const status = Number(/^HTTP\/1\.1 100 Continue\r\n\r\nHTTP\/1\.1 (\d{3})/.exec(received)?.[1]);
    expect(status).toBeGreaterThanOrEqual(200);
    expect(status).toBeLessThan(500);
    expect(received.toLowerCase()).toContain("x-request-id: slow-request-0001");
    expect(await portal.exited).toBe(0);
    expect(portal.lines.find((l) => l.requestId === "slow-request-0001" && l.msg === "request")).toMatchObject({
      route: "/api/auth/[...nextauth]",
      completed: true,
    });
    expect(portal.lines.find((l) => l.msg === "shut down")).toMatchObject({ how: "drained" });
  });
});
