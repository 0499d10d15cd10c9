import { NextResponse, type NextRequest } from "next/server";
import { env } from "@/lib/config/env";
import { REQUEST_PATH_HEADER } from "@/lib/http/request-path";
import { CROSS_SITE_MESSAGE, isCrossSiteRequest } from "@/lib/http/same-origin";
import {
  STRICT_TRANSPORT_SECURITY,
  contentSecurityPolicy,
  newNonce,
  servedOverHttps,
} from "@/lib/http/security-headers";

// Runs before every request but static files: refuses state-changing requests that do not
// come from the portal's own origin (lib/http/same-origin.ts), and gives each response a
// Content-Security-Policy with a fresh nonce (Next.js reads it from the request's CSP header
// and puts it on its scripts; the root layout reads it, so every page renders per request)
// and, over HTTPS, Strict-Transport-Security. It also passes the requested path on to the
// server components, in a request header of its own. The REST API (/api/v1) is exempt from
// the Origin rule: it reads no cookie, only a bearer token a browser never sends by itself
// (lib/api/operation.ts), so there is no forgery to prevent and scripts send no Origin.
export function proxy(request: NextRequest) {
  const config = env();
  const restApi = request.nextUrl.pathname.startsWith("/api/v1/");
  if (!restApi && isCrossSiteRequest(request.method, request.headers, new URL(config.NEXTAUTH_URL).origin)) {
    return NextResponse.json({ error: CROSS_SITE_MESSAGE }, { status: 403, headers: { "Cache-Control": "no-store" } });
  }
  const nonce = newNonce();
  const https = servedOverHttps(config.NEXTAUTH_URL, request.url, request.headers);
  const policy = contentSecurityPolicy(nonce, { https, development: config.NODE_ENV === "development" });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("content-security-policy", policy);
  // The page asked for, so that a sign-in it requires can return to it (lib/auth/session.ts).
  requestHeaders.set(REQUEST_PATH_HEADER, request.nextUrl.pathname + request.nextUrl.search);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", policy);
  if (https) response.headers.set("Strict-Transport-Security", STRICT_TRANSPORT_SECURITY);
  return response;
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.svg).*)"],
};
