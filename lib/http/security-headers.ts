import { randomBytes } from "node:crypto";

// The headers every response of the portal carries (set by proxy.ts): a Content-Security-
// Policy whose scripts must carry the request's nonce (Next.js puts it on its own inline
// and bundle scripts, reading it from the request's CSP header), no framing, and HSTS once
// the portal is served over HTTPS. next.config.js adds X-Content-Type-Options,
// Referrer-Policy and X-Frame-Options to everything, static files included.

/** A fresh nonce for one request: 128 bits from the CSPRNG. */
export function newNonce(): string {
  return randomBytes(16).toString("base64");
}

export interface PolicyOptions {
  /** The portal is served over HTTPS: upgrade any stray http: subresource. */
  https: boolean;
  /** next dev needs eval for its error overlay; a production build never does. */
  development: boolean;
}

export function contentSecurityPolicy(nonce: string, options: PolicyOptions): string {
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${options.development ? " 'unsafe-eval'" : ""}`,
    // Styles: the stylesheet is ours; style attributes and the <style> elements the UI
    // primitives inject at run time cannot carry a nonce. Scripts are what the nonce guards.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ];
  if (options.https) directives.push("upgrade-insecure-requests");
  return directives.join("; ");
}

/** Two years, subdomains included: what browsers' preload lists ask for. */
export const STRICT_TRANSPORT_SECURITY = "max-age=63072000; includeSubDomains";

/** Whether this request reached the portal over HTTPS (directly, or at the proxy in front). */
export function servedOverHttps(portalUrl: string, requestUrl: string, headers: Headers): boolean {
  const forwarded = headers.get("x-forwarded-proto")?.split(",")[0]?.trim();
  return new URL(portalUrl).protocol === "https:" || new URL(requestUrl).protocol === "https:" || forwarded === "https";
}
