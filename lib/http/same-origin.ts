// The portal's wall against cross-site request forgery, for every state-changing request
// (server actions, route handlers, next-auth's POSTs): it must say it comes from the
// portal's own origin. Browsers send Origin on every POST, and Sec-Fetch-Site on every
// request; a request with neither is not a browser on our page (or a very old one), and is
// refused too, rather than given the benefit of the doubt.

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export const CROSS_SITE_MESSAGE = "Cross-site requests are not allowed.";

/** True when a request must be refused: it changes state and does not come from `origin`. */
export function isCrossSiteRequest(method: string, headers: Headers, origin: string): boolean {
  if (SAFE_METHODS.has(method.toUpperCase())) return false;
  const fetchSite = headers.get("sec-fetch-site");
  const sentOrigin = headers.get("origin");
  if (fetchSite && fetchSite !== "same-origin") return true;
  if (sentOrigin !== null) return sentOrigin !== origin;
  // No Origin header: only a browser's word that it is same-origin lets it through.
  return fetchSite !== "same-origin";
}
