// Development OpenID Connect provider for the local stack. Local sign-in and browser tests go
// through a real authorization code flow (PKCE, state, nonce) against it. Loopback only, seeded
// users from ./dev-oidc-users.ts, in-memory sessions: never expose it beyond a developer machine.
//
//   DEV_OIDC_CLIENT_ID=canopy DEV_OIDC_CLIENT_SECRET=... \
//   DEV_OIDC_REDIRECT_URIS=http://localhost:3000/api/auth/callback/dev \
//   npx tsx scripts/stack/dev-oidc-provider.ts
import { createHash, generateKeyPairSync, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { dirname } from "node:path";
import Provider, { errors, type Configuration, type JWKS, type KoaContextWithOIDC } from "oidc-provider";
import { z } from "zod";
import { authenticateDevUser, DEV_OIDC_USERS, devUserClaims, findDevUserBySub } from "./dev-oidc-users";

const commaList = z.string().transform((value) =>
  value
    .split(",")
    .map((item) => item.trim())
    .filter(Boolean),
);

const EnvSchema = z.object({
  DEV_OIDC_PORT: z.coerce.number().int().min(1).max(65535).default(9460),
  DEV_OIDC_ISSUER: z
    .url()
    .refine(
      (value) => new URL(value).pathname === "/" && !value.endsWith("/"),
      "must be an origin without a path or trailing slash, e.g. http://127.0.0.1:9460",
    )
    .optional(),
  DEV_OIDC_CLIENT_ID: z.string().min(1),
  DEV_OIDC_CLIENT_SECRET: z.string().min(1),
  DEV_OIDC_REDIRECT_URIS: commaList.pipe(z.array(z.url()).min(1)),
  DEV_OIDC_POST_LOGOUT_REDIRECT_URIS: commaList.pipe(z.array(z.url())).default([]),
  DEV_OIDC_COOKIE_KEYS: commaList.pipe(z.array(z.string().min(16)).min(1)).optional(),
  DEV_OIDC_JWKS_FILE: z.string().min(1).optional(),
});

const JwksSchema = z.object({
  keys: z.array(z.looseObject({ kty: z.string(), d: z.string() })).min(1),
});

function fail(message: string): never {
  console.error(`dev-oidc-provider: ${message}`);
  process.exit(1);
}

function loadEnv() {
  const parsed = EnvSchema.safeParse(process.env);
  if (!parsed.success) fail(`invalid configuration\n${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

function generateJwks(): JWKS {
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const jwk = privateKey.export({ format: "jwk" });
  // RFC 7638 thumbprint as key id: stable for a given key.
  const kid = createHash("sha256")
    .update(JSON.stringify({ e: jwk.e, kty: jwk.kty, n: jwk.n }))
    .digest("base64url");
  return { keys: [{ ...jwk, kid, alg: "RS256", use: "sig" }] };
}

/** Reads the signing keys from `file`, creating it on first use so restarts keep the same keys. */
function loadJwks(file: string | undefined): JWKS {
  if (!file) return generateJwks();
  if (!existsSync(file)) {
    const jwks = generateJwks();
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `${JSON.stringify(jwks, null, 2)}\n`, { mode: 0o600 });
    return jwks;
  }
  let contents: unknown;
  try {
    contents = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    fail(`cannot read DEV_OIDC_JWKS_FILE ${file}: ${(error as Error).message}`);
  }
  const parsed = JwksSchema.safeParse(contents);
  if (!parsed.success) fail(`DEV_OIDC_JWKS_FILE ${file} must hold a private JWK Set\n${z.prettifyError(parsed.error)}`);
  return parsed.data as JWKS;
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

function page(title: string, body: string, head = ""): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
  body { font-family: system-ui, sans-serif; margin: 0; min-height: 100vh; display: grid; place-items: center; background: #f4f6f5; color: #1a1f1c; }
  main { background: #fff; padding: 2rem; border-radius: 8px; box-shadow: 0 1px 4px rgb(0 0 0 / 0.15); width: min(22rem, 90vw); }
  h1 { font-size: 1.25rem; margin-top: 0; }
  label { display: block; margin-top: 1rem; font-weight: 600; }
  input { display: block; width: 100%; box-sizing: border-box; margin-top: 0.25rem; padding: 0.5rem; font: inherit; }
  button { margin-top: 1.5rem; width: 100%; padding: 0.6rem; font: inherit; font-weight: 600; color: #fff; background: #1f6b45; border: 0; border-radius: 4px; cursor: pointer; }
  button:focus-visible, input:focus-visible { outline: 3px solid #f0b429; outline-offset: 2px; }
  [role="alert"] { color: #a4161a; font-weight: 600; }
  .hint { color: #4a544e; font-size: 0.875rem; }
</style>
${head}
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
}

const LOGIN_TITLE = "Canopy development sign-in";

function loginPage(uid: string, options: { username?: string; failed?: boolean } = {}): string {
  const error = options.failed ? `<p role="alert" id="login-error">Wrong username or password.</p>` : "";
  const describedBy = options.failed ? ` aria-describedby="login-error" aria-invalid="true"` : "";
  return page(
    LOGIN_TITLE,
    `<h1>${LOGIN_TITLE}</h1>
${error}
<form method="post" action="/interaction/${encodeURIComponent(uid)}/login">
  <label for="username">Username</label>
  <input id="username" name="username" type="text" autocomplete="username" autocapitalize="none" spellcheck="false" required autofocus value="${escapeHtml(options.username ?? "")}"${describedBy}>
  <label for="password">Password</label>
  <input id="password" name="password" type="password" autocomplete="current-password" required${describedBy}>
  <button type="submit">Sign in</button>
</form>
<p class="hint">Development accounts: ${DEV_OIDC_USERS.map((user) => escapeHtml(user.username)).join(", ")}. The password is the development-only password documented in scripts/stack/dev-oidc-users.ts.</p>`,
  );
}

function sendHtml(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, {
    "content-type": "text/html; charset=utf-8",
    "cache-control": "no-store",
    "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
  });
  res.end(html);
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  let body = "";
  for await (const chunk of req) {
    body += chunk;
    if (body.length > 10_000) throw new errors.InvalidRequest("request body too large");
  }
  return new URLSearchParams(body);
}

const env = loadEnv();
const port = env.DEV_OIDC_PORT;
const issuer = env.DEV_OIDC_ISSUER ?? `http://127.0.0.1:${port}`;

const configuration: Configuration = {
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

const provider = new Provider(issuer, configuration);

/** First-party client: grant whatever the authorization request asked for instead of a consent screen. */
async function grantConsent(
  req: IncomingMessage,
  res: ServerResponse,
  details: Awaited<ReturnType<Provider["interactionDetails"]>>,
) {
  const { accountId } = details.session ?? {};
  if (!accountId) throw new errors.SessionNotFound("no signed-in account for consent");
  const grant =
    (details.grantId ? await provider.Grant.find(details.grantId) : undefined) ??
    new provider.Grant({ accountId, clientId: String(details.params.client_id) });
  const missing = details.prompt.details as {
    missingOIDCScope?: string[];
    missingOIDCClaims?: string[];
    missingResourceScopes?: Record<string, string[]>;
  };
  if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope);
  if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
  for (const [resource, scopes] of Object.entries(missing.missingResourceScopes ?? {})) {
    grant.addResourceScope(resource, scopes);
  }
  const grantId = await grant.save();
  await provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
}

async function handleInteraction(req: IncomingMessage, res: ServerResponse, uid: string, action: string | undefined) {
  const details = await provider.interactionDetails(req, res);
  if (details.uid !== uid) throw new errors.SessionNotFound("interaction does not match the interaction cookie");
  const prompt = details.prompt.name;

  if (req.method === "GET" && !action && prompt === "login") return sendHtml(res, 200, loginPage(uid));
  if (req.method === "GET" && !action && prompt === "consent") return grantConsent(req, res, details);
  if (req.method === "POST" && action === "login" && prompt === "login") {
    const form = await readForm(req);
    const username = form.get("username") ?? "";
    const user = authenticateDevUser(username, form.get("password") ?? "");
    if (!user) return sendHtml(res, 200, loginPage(uid, { username, failed: true }));
    return provider.interactionFinished(
      req,
      res,
      { login: { accountId: user.sub } },
      { mergeWithLastSubmission: false },
    );
  }
  throw new errors.InvalidRequest(`unsupported interaction: ${req.method} ${action ?? ""} for prompt ${prompt}`);
}

const callback = provider.callback();
const server = createServer((req, res) => {
  const pathname = req.url?.split("?")[0] ?? "/";
  if (pathname === "/healthz") {
    res.writeHead(200, { "content-type": "text/plain" }).end("ok\n");
    return;
  }
  const interaction = /^\/interaction\/([\w-]+)(?:\/(login))?$/.exec(pathname);
  if (!interaction) {
    void callback(req, res);
    return;
  }
  handleInteraction(req, res, interaction[1]!, interaction[2]).catch((error: unknown) => {
    const status = error instanceof errors.OIDCProviderError ? error.statusCode : 500;
    if (status >= 500) console.error("dev-oidc-provider: interaction failed", error);
    const message =
      error instanceof errors.OIDCProviderError
        ? `${error.message}: ${error.error_description ?? ""}`
        : "internal error";
    if (!res.headersSent)
      sendHtml(res, status, page("Sign-in error", `<h1>Sign-in error</h1><p>${escapeHtml(message)}</p>`));
  });
});

server.listen(port, "127.0.0.1", () => {
  console.log(`dev-oidc-provider listening on ${issuer}`);
});
server.on("error", (error) => fail(error.message));

for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.once(signal, () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  });
}
