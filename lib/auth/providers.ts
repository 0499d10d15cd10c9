import type { Provider } from "next-auth/providers/index";
import GitHubProvider from "next-auth/providers/github";
import GoogleProvider from "next-auth/providers/google";
import { githubUserinfo } from "@/lib/auth/github-email";
import type { Env } from "@/lib/config/env";

interface OidcClaims {
  sub: string;
  name?: string;
  preferred_username?: string;
  email?: string;
  email_verified?: boolean;
  picture?: string;
}

// Any OpenID Connect provider, found by discovery from its issuer URL. The ID token is
// validated (signature, issuer, audience, nonce) and PKCE, state and nonce are checked.
function oidcProvider(id: string, name: string, issuer: string, clientId: string, clientSecret: string): Provider {
  return {
    id,
    name,
    type: "oauth",
    wellKnown: `${issuer.replace(/\/$/, "")}/.well-known/openid-configuration`,
    clientId,
    clientSecret,
    authorization: { params: { scope: "openid email profile" } },
    client: { token_endpoint_auth_method: "client_secret_basic" },
    idToken: true,
    checks: ["pkce", "state", "nonce"],
    profile(claims: OidcClaims) {
      return {
        id: claims.sub,
        name: claims.name ?? claims.preferred_username ?? claims.email ?? claims.sub,
        email: claims.email ?? null,
        image: claims.picture ?? null,
      };
    },
  };
}

export interface ProviderSummary {
  id: string;
  name: string;
}

/** The sign-in providers configured in this deployment, in the order they are shown. */
export function configuredProviders(config: Env): Provider[] {
  const providers: Provider[] = [];
  if (config.GITHUB_CLIENT_ID && config.GITHUB_CLIENT_SECRET) {
    providers.push(
      GitHubProvider({
        clientId: config.GITHUB_CLIENT_ID,
        clientSecret: config.GITHUB_CLIENT_SECRET,
        checks: ["pkce", "state"],
        // user:email lets the sign-in read the verified primary address (lib/auth/github-email.ts).
        authorization: { params: { scope: "read:user user:email" } },
        userinfo: { url: "https://api.github.com/user", request: githubUserinfo },
      }),
    );
  }
  if (config.GOOGLE_CLIENT_ID && config.GOOGLE_CLIENT_SECRET) {
    providers.push(
      GoogleProvider({
        clientId: config.GOOGLE_CLIENT_ID,
        clientSecret: config.GOOGLE_CLIENT_SECRET,
        checks: ["pkce", "state", "nonce"],
      }),
    );
  }
  if (config.OIDC_ISSUER && config.OIDC_CLIENT_ID && config.OIDC_CLIENT_SECRET) {
    providers.push(
      oidcProvider("oidc", config.OIDC_NAME, config.OIDC_ISSUER, config.OIDC_CLIENT_ID, config.OIDC_CLIENT_SECRET),
    );
  }
  if (config.DEV_OIDC_ISSUER && config.DEV_OIDC_CLIENT_ID && config.DEV_OIDC_CLIENT_SECRET) {
    providers.push(
      oidcProvider(
        "dev",
        "Development sign-in",
        config.DEV_OIDC_ISSUER,
        config.DEV_OIDC_CLIENT_ID,
        config.DEV_OIDC_CLIENT_SECRET,
      ),
    );
  }
  return providers;
}
