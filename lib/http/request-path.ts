// The path (and query) of the page a request asked for: proxy.ts sets it on every request
// (replacing any value the client sent), since a server component cannot otherwise know it.
export const REQUEST_PATH_HEADER = "x-canopy-path";

/** A same-site path to return to after sign-in, or null ("/" and anything else: let the landing decide). */
export function returnPath(value: string | null): string | null {
  if (!value || !value.startsWith("/") || value.startsWith("//") || value === "/") return null;
  return value;
}
