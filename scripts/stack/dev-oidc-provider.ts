// Development OpenID Connect provider for the local stack. Local sign-in and browser tests go
// through a real authorization code flow (PKCE, state, nonce) against it. Loopback only, seeded
// users from ./dev-oidc-users.ts, in-memory sessions: never expose it beyond a developer machine.
//
//   DEV_OIDC_CLIENT_ID=canopy DEV_OIDC_CLIENT_SECRET=... \
//   DEV_OIDC_REDIRECT_URIS=http://localhost:3000/api/auth/callback/dev \
//   npx tsx scripts/stack/dev-oidc-provider.ts
import { createServer } from "node:http";
import Provider, { errors } from "oidc-provider";
import { fail, loadEnv } from "./dev-oidc-env";
import { providerConfiguration } from "./dev-oidc-configuration";
import { handleInteraction } from "./dev-oidc-interactions";
import { escapeHtml, page, sendHtml } from "./dev-oidc-pages";

const env = loadEnv();
const port = env.DEV_OIDC_PORT;
const issuer = env.DEV_OIDC_ISSUER ?? `http://${env.DEV_OIDC_HOST}:${port}`;

const provider = new Provider(issuer, providerConfiguration(env));

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
  handleInteraction(provider, req, res, interaction[1]!, interaction[2]).catch((error: unknown) => {
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

server.listen(port, env.DEV_OIDC_HOST, () => {
  console.log(`dev-oidc-provider listening on ${issuer}`);
});
server.on("error", (error) => fail(error.message));

for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.once(signal, () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  });
}
