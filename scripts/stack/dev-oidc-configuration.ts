import { randomBytes } from "node:crypto";
import type { Configuration, KoaContextWithOIDC } from "oidc-provider";
import { type DevOidcEnv, loadJwks } from "./dev-oidc-env";
import { escapeHtml, page } from "./dev-oidc-pages";
import { devUserClaims, findDevUserBySub } from "./dev-oidc-users";

// What the development OIDC provider offers: one confidential client with the code flow
// and PKCE, the standard scopes and claims, RP-initiated logout, and the seeded accounts.

export function providerConfiguration(env: DevOidcEnv): Configuration {
  return {
    clients: [
      {
        client_id: env.DEV_OIDC_CLIENT_ID,
        client_secret: env.DEV_OIDC_CLIENT_SECRET,
        redirect_uris: env.DEV_OIDC_REDIRECT_URIS,
        post_logout_redirect_uris: env.DEV_OIDC_POST_LOGOUT_REDIRECT_URIS,
        grant_types: ["authorization_code"],
        response_types: ["code"],
        // The provider accepts client_secret_post as well for a client registered with basic.
        token_endpoint_auth_method: "client_secret_basic",
        id_token_signed_response_alg: "RS256",
      },
    ],
    clientAuthMethods: ["client_secret_basic", "client_secret_post"],
    responseTypes: ["code"],
    pkce: { required: () => true },
    scopes: ["openid", "email", "profile"],
    claims: {
      openid: ["sub"],
      email: ["email", "email_verified"],
      profile: [
        "name",
        "family_name",
        "given_name",
        "middle_name",
        "nickname",
        "preferred_username",
        "profile",
        "picture",
        "website",
        "gender",
        "birthdate",
        "zoneinfo",
        "locale",
        "updated_at",
      ],
    },
    // By default a code-flow ID token carries only sub; the app reads the profile from the ID token.
    conformIdTokenClaims: false,
    enabledJWA: { idTokenSigningAlgValues: ["RS256"] },
    jwks: loadJwks(env.DEV_OIDC_JWKS_FILE),
    // Sessions live in memory, so keys that outlive a restart would have nothing to protect.
    cookies: { keys: env.DEV_OIDC_COOKIE_KEYS ?? [randomBytes(32).toString("base64url")] },
    features: {
      devInteractions: { enabled: false },
      userinfo: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        // Sign-out in the app already asked the user, so confirm at once (button as no-script fallback).
        logoutSource(ctx: KoaContextWithOIDC, form: string) {
          ctx.body = page(
            "Signing out of Canopy development",
            `<h1>Signing out</h1>
  ${form.replace("</form>", '<input type="hidden" name="logout" value="yes"><button type="submit">Sign out</button></form>')}
  <script>document.getElementById("op.logoutForm").submit()</script>`,
          );
        },
        postLogoutSuccessSource(ctx: KoaContextWithOIDC) {
          ctx.body = page(
            "Signed out",
            "<h1>Signed out</h1><p>You are signed out of the Canopy development provider.</p>",
          );
        },
      },
    },
    async findAccount(_ctx, sub) {
      const user = findDevUserBySub(sub);
      return user && { accountId: user.sub, claims: () => devUserClaims(user) };
    },
    renderError(ctx, out) {
      ctx.type = "html";
      ctx.body = page(
        "Sign-in error",
        `<h1>Sign-in error</h1>${Object.entries(out)
          .map(([key, value]) => `<p><strong>${escapeHtml(key)}</strong>: ${escapeHtml(String(value))}</p>`)
          .join("")}`,
      );
    },
    // Explicit lifetimes in seconds; the default functions log a notice when first used.
    ttl: {
      AccessToken: 3600,
      AuthorizationCode: 60,
      IdToken: 3600,
      Interaction: 3600,
      Grant: 86_400,
      Session: 86_400,
    },
  };
}
