import { env } from "@/lib/config/env";

/**
 * The client's address as the nearest trusted proxy saw it: X-Forwarded-For's entry
 * CANOPY_TRUSTED_PROXY_HOPS from the end. Entries further left are whatever the client
 * sent and are never believed. (Next.js puts the socket's address there when the header
 * is missing, so a portal reached directly also gets an address.)
 */
export function clientAddress(headers: Headers): string | null {
  const entries = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  return entries[entries.length - env().CANOPY_TRUSTED_PROXY_HOPS] ?? entries[0] ?? null;
}
