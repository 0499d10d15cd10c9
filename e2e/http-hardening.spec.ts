import { expect, test, type APIResponse } from "@playwright/test";
import { signIn } from "./support/fixtures";

// The portal's HTTP walls, against the production build: a Content-Security-Policy whose
// scripts need the request's nonce (and the pages still hydrate under it), no framing,
// HSTS over HTTPS, and no state-changing request without the portal's own origin.

function policyOf(response: APIResponse): Map<string, string> {
  const header = response.headers()["content-security-policy"] ?? "";
  return new Map(
    header
      .split(";")
      .map((d) => d.trim())
      .filter(Boolean)
      .map((d) => [d.split(" ")[0]!, d.slice(d.indexOf(" ") + 1)] as [string, string]),
  );
}

function nonceOf(policy: Map<string, string>): string {
  const nonce = /'nonce-([^']+)'/.exec(policy.get("script-src") ?? "")?.[1];
  if (!nonce) throw new Error(`no nonce in script-src: ${policy.get("script-src")}`);
  return nonce;
}

test("every page carries a nonce-based CSP, framing is forbidden, and Next's scripts carry the nonce", async ({
  request,
}) => {
  const first = await request.get("/signin");
  const second = await request.get("/signin");
  expect(first.status()).toBe(200);
  const policy = policyOf(first);
  expect(policy.get("script-src")).toMatch(/^'self' 'nonce-[A-Za-z0-9+/=]{24}' 'strict-dynamic'$/);
  expect(policy.get("script-src")).not.toContain("unsafe-inline");
  expect(policy.get("script-src")).not.toContain("unsafe-eval");
  expect(policy.get("frame-ancestors")).toBe("'none'");
  expect(policy.get("object-src")).toBe("'none'");
  expect(policy.get("base-uri")).toBe("'self'");
  expect(policy.get("form-action")).toBe("'self'");
  // A fresh nonce per response.
  expect(nonceOf(policyOf(second))).not.toBe(nonceOf(policy));

  const headers = first.headers();
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(headers["x-frame-options"]).toBe("DENY");
  // Plain HTTP: no HSTS (browsers ignore it there anyway) and no upgrading of requests.
  expect(headers["strict-transport-security"]).toBeUndefined();
  expect(policy.has("upgrade-insecure-requests")).toBe(false);

  // Every script Next.js rendered carries this response's nonce.
  const html = await first.text();
  const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
  expect(scripts.length).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag).toContain(`nonce="${nonceOf(policy)}"`);
});

test("behind an HTTPS proxy the portal sends HSTS and upgrades insecure requests", async ({ request }) => {
  const response = await request.get("/signin", { headers: { "x-forwarded-proto": "https" } });
  expect(response.headers()["strict-transport-security"]).toBe("max-age=63072000; includeSubDomains");
  expect(policyOf(response).has("upgrade-insecure-requests")).toBe(true);
});

test("pages hydrate under the policy, and a script without the nonce does not run", async ({ page }) => {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  // Signing in needs the hydrated sign-in button; then two console pages render and hydrate.
  await signIn(page, "alice");
  await page.goto("/dashboard");
  await expect(page.getByRole("heading", { name: "Welcome, Alice" })).toBeVisible();
  await page.goto("/workspaces/new");
  // The URL name follows the name only once React runs in the page.
  await page.getByLabel("Name", { exact: true }).fill("Hydrated Team");
  await expect(page.getByLabel("URL name")).toHaveValue("hydrated-team");
  expect(violations).toEqual([]);

  // The same page with a script injected into its HTML, as a stored XSS would put it there
  // (the portal's own headers, CSP included, are kept): the browser refuses the injected
  // script, and the page's own scripts, which carry the nonce, still run.
  await page.route("**/workspaces/new", async (route) => {
    const response = await route.fetch();
    const html = (await response.text()).replace("</body>", "<script>window.__injected = true</script></body>");
    await route.fulfill({ response, body: html });
  });
  await page.goto("/workspaces/new");
  await page.getByLabel("Name", { exact: true }).fill("Still Hydrated");
  await expect(page.getByLabel("URL name")).toHaveValue("still-hydrated");
  expect(await page.evaluate(() => (window as unknown as { __injected?: boolean }).__injected)).toBeUndefined();
  expect(violations).toEqual([
    expect.stringMatching(/inline script violates .*script-src.*The action has been blocked/),
  ]);
});

test("a state-changing request needs the portal's origin, or Sec-Fetch-Site same-origin", async ({
  playwright,
  baseURL,
}) => {
  const origin = new URL(baseURL!).origin;
  const bare = await playwright.request.newContext({ baseURL });
  try {
    // Server actions are POSTs to the page; next-auth's sign-out is a POST too.
    for (const path of ["/workspaces/new", "/api/auth/signout"]) {
      const noOrigin = await bare.post(path, { form: { any: "thing" } });
      expect(noOrigin.status(), path).toBe(403);
      expect(await noOrigin.json()).toEqual({ error: "Cross-site requests are not allowed." });
      const forged = await bare.post(path, { headers: { origin: "https://evil.example" }, form: { any: "thing" } });
      expect(forged.status(), path).toBe(403);
      const crossSite = await bare.post(path, { headers: { "sec-fetch-site": "cross-site", origin }, form: {} });
      expect(crossSite.status(), path).toBe(403);
    }
    // Positive controls: the same requests from the portal's origin get past the wall.
    const withOrigin = await bare.post("/api/auth/signout", { headers: { origin }, form: {}, maxRedirects: 0 });
    expect(withOrigin.status()).not.toBe(403);
    const bySecFetch = await bare.post("/api/auth/signout", {
      headers: { "sec-fetch-site": "same-origin" },
      form: {},
      maxRedirects: 0,
    });
    expect(bySecFetch.status()).not.toBe(403);
    // Reading is never refused for lack of an Origin.
    expect((await bare.get("/api/health")).status()).toBe(200);
  } finally {
    await bare.dispose();
  }
});
