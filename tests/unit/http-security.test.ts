import { describe, expect, it } from "vitest";
import { isCrossSiteRequest } from "@/lib/http/same-origin";
import { contentSecurityPolicy, newNonce, servedOverHttps } from "@/lib/http/security-headers";

const ORIGIN = "https://canopy.example";
const headers = (values: Record<string, string>) => new Headers(values);

describe("the same-origin wall", () => {
  const cases: [string, string, Record<string, string>, boolean][] = [
    ["same origin", "POST", { origin: ORIGIN, "sec-fetch-site": "same-origin" }, false],
    ["origin only (older browser)", "POST", { origin: ORIGIN }, false],
    ["fetch metadata only", "DELETE", { "sec-fetch-site": "same-origin" }, false],
    ["neither header", "POST", {}, true],
    ["another origin", "POST", { origin: "https://evil.example" }, true],
    ["opaque origin", "POST", { origin: "null" }, true],
    ["cross-site by fetch metadata", "POST", { origin: ORIGIN, "sec-fetch-site": "cross-site" }, true],
    ["same-site sibling", "PUT", { "sec-fetch-site": "same-site" }, true],
    ["typed into the address bar", "PATCH", { "sec-fetch-site": "none" }, true],
    ["a read without headers", "GET", {}, false],
    ["a cross-site read", "HEAD", { "sec-fetch-site": "cross-site" }, false],
  ];
  for (const [name, method, values, refused] of cases) {
    it(`${refused ? "refuses" : "lets through"}: ${name}`, () => {
      expect(isCrossSiteRequest(method, headers(values), ORIGIN)).toBe(refused);
    });
  }
});

describe("the security headers", () => {
  it("makes 128-bit nonces that differ every time", () => {
    const nonces = new Set(Array.from({ length: 100 }, newNonce));
    expect(nonces.size).toBe(100);
    for (const nonce of nonces) expect(Buffer.from(nonce, "base64")).toHaveLength(16);
  });

  it("builds a policy that needs the nonce for scripts and forbids framing", () => {
    const policy = contentSecurityPolicy("abc", { https: false, development: false });
    expect(policy).toContain("script-src 'self' 'nonce-abc' 'strict-dynamic';");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).not.toContain("upgrade-insecure-requests");
    expect(contentSecurityPolicy("abc", { https: true, development: false })).toContain("upgrade-insecure-requests");
    expect(contentSecurityPolicy("abc", { https: false, development: true })).toContain("'unsafe-eval'");
  });

  it("knows when the portal is served over HTTPS", () => {
    expect(servedOverHttps("https://canopy.example", "http://10.0.0.1:3000/", headers({}))).toBe(true);
    expect(
      servedOverHttps("http://localhost:3000", "http://localhost:3000/", headers({ "x-forwarded-proto": "https" })),
    ).toBe(true);
    expect(servedOverHttps("http://localhost:3000", "http://localhost:3000/", headers({}))).toBe(false);
  });
});
