// Seeded accounts of the development OpenID Connect provider (scripts/stack/dev-oidc-provider.ts).
// These are fixtures for local sign-in and browser tests, never real identities.

/** Development-only password shared by every seeded account. Never use it anywhere else. */
export const DEV_OIDC_PASSWORD = "canopy-dev";

export interface DevOidcUser {
  /** Stable subject identifier, the `sub` claim. */
  sub: string;
  /** Login name typed into the sign-in form, also the `preferred_username` claim. */
  username: string;
  name: string;
  email: string;
  email_verified: boolean;
}

export const DEV_OIDC_USERS: readonly DevOidcUser[] = [
  { sub: "dev-alice", username: "alice", name: "Alice Anderson", email: "alice@canopy.test", email_verified: true },
  { sub: "dev-bob", username: "bob", name: "Bob Brown", email: "bob@canopy.test", email_verified: true },
  { sub: "dev-carol", username: "carol", name: "Carol Clark", email: "carol@canopy.test", email_verified: true },
  // The provider does not vouch for Dave's address: Canopy refuses the sign-in and says why.
  { sub: "dev-dave", username: "dave", name: "Dave Doe", email: "dave@canopy.test", email_verified: false },
];

export function findDevUserBySub(sub: string): DevOidcUser | undefined {
  return DEV_OIDC_USERS.find((user) => user.sub === sub);
}

/** Returns the user when the username and the development password match, otherwise undefined. */
export function authenticateDevUser(username: string, password: string): DevOidcUser | undefined {
  const user = DEV_OIDC_USERS.find((candidate) => candidate.username === username.trim().toLowerCase());
  return user && password === DEV_OIDC_PASSWORD ? user : undefined;
}

/** The OpenID Connect claims of a user, keyed the way the provider releases them per scope. */
export function devUserClaims(user: DevOidcUser) {
  return {
    sub: user.sub,
    name: user.name,
    preferred_username: user.username,
    email: user.email,
    email_verified: user.email_verified,
  };
}
