// Sign-out through next-auth's own REST endpoints (GET /api/auth/csrf, POST
// /api/auth/signout), without next-auth/react: that client module (session context,
// broadcast channel, Babel's regenerator) would otherwise load on every console page just
// for this button.

const AUTH_BASE = "/api/auth";

/** Ends the session (next-auth deletes the session row and its cookie), then goes to `callbackUrl`. */
export async function signOutTo(callbackUrl: string): Promise<void> {
  let destination: string;
  try {
    const csrf = (await (await fetch(`${AUTH_BASE}/csrf`, { cache: "no-store" })).json()) as { csrfToken: string };
    const response = await fetch(`${AUTH_BASE}/signout`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ csrfToken: csrf.csrfToken, callbackUrl, json: "true" }),
    });
    if (!response.ok) throw new Error(`sign-out answered ${response.status}`);
    destination = ((await response.json()) as { url?: string }).url ?? callbackUrl;
  } catch {
    // next-auth's own sign-out page asks to confirm and carries the token itself.
    destination = `${AUTH_BASE}/signout`;
  }
  // A full navigation on purpose: the router cache still holds signed-in pages.
  // eslint-disable-next-line @next/next/no-location-assign-relative-destination
  window.location.href = destination;
}
