// Drives a full authorization code flow (PKCE, state, nonce) against the development OpenID
// Connect provider, started as a child process on a free loopback port, with plain fetch.
import { spawn, type ChildProcess } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createRemoteJWKSet, jwtVerify } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEV_OIDC_PASSWORD } from "../../scripts/stack/dev-oidc-users";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const CLIENT_ID = "canopy-test";
const CLIENT_SECRET = randomBytes(24).toString("hex");
const REDIRECT_URI = "http://localhost:3100/api/auth/callback/dev";
const POST_LOGOUT_REDIRECT_URI = "http://localhost:3100/signin";

interface Discovery {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  userinfo_endpoint: string;
  jwks_uri: string;
  end_session_endpoint: string;
  code_challenge_methods_supported: string[];
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A cookie jar for one host: enough for the provider's session and interaction cookies. */
class CookieJar {
  private cookies = new Map<string, string>();

  store(response: Response): void {
    for (const header of response.headers.getSetCookie()) {
      const [pair = "", ...attributes] = header.split(";");
      const index = pair.indexOf("=");
      const name = pair.slice(0, index).trim();
      const value = pair.slice(index + 1).trim();
      const expires = attributes.find((attribute) => attribute.trim().toLowerCase().startsWith("expires="));
      const expired = expires !== undefined && Date.parse(expires.split("=")[1]!) <= Date.now();
      if (value === "" || expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }
}

describe("development OpenID Connect provider", () => {
  let child: ChildProcess;
  let output = "";
  let issuer: string;
  let discovery: Discovery;
  let dataDir: string;
  const jar = new CookieJar();

  /** One browser-like request against the provider: carries cookies, never follows redirects. */
  async function request(url: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    headers.set("cookie", jar.header());
    const response = await fetch(new URL(url, issuer), { ...init, headers, redirect: "manual" });
    jar.store(response);
    return response;
  }

  /** Follows redirects within the provider until one leaves it (to the client) or a page is shown. */
  async function navigate(response: Response): Promise<Response | URL> {
    while (response.status >= 300 && response.status < 400) {
      const location = new URL(response.headers.get("location")!, issuer);
      if (location.origin !== issuer) return location;
      response = await request(location.href);
    }
    return response;
  }

  function pkce() {
    const verifier = randomBytes(32).toString("base64url");
    return { verifier, challenge: createHash("sha256").update(verifier).digest("base64url") };
  }

  function authorizationUrl(params: Record<string, string>): string {
    const url = new URL(discovery.authorization_endpoint);
    url.search = new URLSearchParams({
      client_id: CLIENT_ID,
      redirect_uri: REDIRECT_URI,
      response_type: "code",
      scope: "openid email profile",
      ...params,
    }).toString();
    return url.href;
  }

  beforeAll(async () => {
    const port = await freePort();
    issuer = `http://127.0.0.1:${port}`;
    dataDir = mkdtempSync(join(tmpdir(), "dev-oidc-"));
    // Settings from .data/stack.env (loaded by vitest.config.ts) must not leak into this provider.
    const env: NodeJS.ProcessEnv = { ...process.env };
    for (const key of Object.keys(env)) if (key.startsWith("DEV_OIDC_")) delete env[key];
    Object.assign(env, {
      DEV_OIDC_PORT: String(port),
      DEV_OIDC_CLIENT_ID: CLIENT_ID,
      DEV_OIDC_CLIENT_SECRET: CLIENT_SECRET,
      DEV_OIDC_REDIRECT_URIS: `http://localhost:3000/api/auth/callback/dev,${REDIRECT_URI}`,
      DEV_OIDC_POST_LOGOUT_REDIRECT_URIS: POST_LOGOUT_REDIRECT_URI,
      DEV_OIDC_JWKS_FILE: join(dataDir, "keys", "jwks.json"),
    });
    child = spawn(process.execPath, ["--import", "tsx", "scripts/stack/dev-oidc-provider.ts"], {
      cwd: ROOT,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    await new Promise<void>((resolve, reject) => {
      child.stdout!.on("data", (chunk: Buffer) => {
        output += chunk;
        if (output.includes(`dev-oidc-provider listening on ${issuer}`)) resolve();
      });
      child.stderr!.on("data", (chunk: Buffer) => (output += chunk));
      child.once("exit", (code) => reject(new Error(`provider exited with ${code}:\n${output}`)));
    });
  });

  afterAll(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      expect(await exited).toBe(0);
    }
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it("answers health checks and publishes its discovery document and persisted keys", async () => {
    expect((await fetch(`${issuer}/healthz`)).status).toBe(200);

    const response = await fetch(`${issuer}/.well-known/openid-configuration`);
    expect(response.status).toBe(200);
    discovery = (await response.json()) as Discovery;
    expect(discovery.issuer).toBe(issuer);
    expect(discovery.code_challenge_methods_supported).toEqual(["S256"]);
    expect(discovery.end_session_endpoint).toBe(`${issuer}/session/end`);

    const saved = JSON.parse(readFileSync(join(dataDir, "keys", "jwks.json"), "utf8")) as { keys: { kid: string }[] };
    const published = (await (await fetch(discovery.jwks_uri)).json()) as { keys: { kid: string; d?: string }[] };
    expect(published.keys.map((key) => key.kid)).toEqual(saved.keys.map((key) => key.kid));
    expect(published.keys[0]).not.toHaveProperty("d");
  });

  it("refuses an authorization request without PKCE", async () => {
    const response = await request(authorizationUrl({ state: "no-pkce", nonce: "n" }));
    const location = await navigate(response);
    expect(location).toBeInstanceOf(URL);
    const { searchParams } = location as URL;
    expect(searchParams.get("error")).toBe("invalid_request");
    expect(searchParams.get("error_description")).toMatch(/PKCE/);
    expect(searchParams.get("state")).toBe("no-pkce");
  });

  it("signs alice in with the authorization code flow, PKCE, state and nonce", async () => {
    const { verifier, challenge } = pkce();
    const state = randomBytes(16).toString("base64url");
    const nonce = randomBytes(16).toString("base64url");

    const loginPage = await navigate(
      await request(authorizationUrl({ state, nonce, code_challenge: challenge, code_challenge_method: "S256" })),
    );
    expect(loginPage).toBeInstanceOf(Response);
    const html = await (loginPage as Response).text();
    expect(html).toContain("<title>Canopy development sign-in</title>");
    expect(html).toMatch(/<label for="username">Username<\/label>/);
    expect(html).toMatch(/<label for="password">Password<\/label>/);
    expect(html).toContain('<button type="submit">Sign in</button>');
    const action = /<form method="post" action="([^"]+)"/.exec(html)![1]!;

    const form = (password: string) => ({
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ username: "alice", password }).toString(),
    });

    const wrong = await request(action, form("not-the-password"));
    expect(wrong.status).toBe(200);
    const wrongHtml = await wrong.text();
    expect(wrongHtml).toContain('role="alert"');
    expect(wrongHtml).toContain("Wrong username or password.");
    expect(wrongHtml).toContain('value="alice"');

    const callback = await navigate(await request(action, form(DEV_OIDC_PASSWORD)));
    expect(callback).toBeInstanceOf(URL);
    const redirect = callback as URL;
    expect(`${redirect.origin}${redirect.pathname}`).toBe(REDIRECT_URI);
    expect(redirect.searchParams.get("state")).toBe(state);
    expect(redirect.searchParams.get("iss")).toBe(issuer);
    const code = redirect.searchParams.get("code");
    expect(code).toBeTruthy();

    const tokenResponse = await fetch(discovery.token_endpoint, {
      method: "POST",
      headers: {
        authorization: `Basic ${Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString("base64")}`,
        "content-type": "application/x-www-form-urlencoded",
      },
      body: new URLSearchParams({
        grant_type: "authorization_code",
        code: code!,
        redirect_uri: REDIRECT_URI,
        code_verifier: verifier,
      }),
    });
    expect(tokenResponse.status).toBe(200);
    const tokens = (await tokenResponse.json()) as { id_token: string; access_token: string; token_type: string };
    expect(tokens.token_type).toBe("Bearer");

    const { payload, protectedHeader } = await jwtVerify(
      tokens.id_token,
      createRemoteJWKSet(new URL(discovery.jwks_uri)),
      {
        issuer,
        audience: CLIENT_ID,
        algorithms: ["RS256"],
      },
    );
    expect(protectedHeader.alg).toBe("RS256");
    expect(payload).toMatchObject({
      sub: "dev-alice",
      nonce,
      email: "alice@canopy.test",
      email_verified: true,
      name: "Alice Anderson",
      preferred_username: "alice",
    });

    const userinfo = await fetch(discovery.userinfo_endpoint, {
      headers: { authorization: `Bearer ${tokens.access_token}` },
    });
    expect(userinfo.status).toBe(200);
    expect(await userinfo.json()).toMatchObject({ sub: "dev-alice", email: "alice@canopy.test" });

    // The code is single use.
    const replay = await fetch(discovery.token_endpoint, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        grant_type: "authorization_code",
        code: code!,
        redirect_uri: REDIRECT_URI,
        code_verifier: verifier,
        client_id: CLIENT_ID,
        client_secret: CLIENT_SECRET,
      }),
    });
    expect(replay.status).toBe(400);
    expect(await replay.json()).toMatchObject({ error: "invalid_grant" });

    // RP-initiated logout ends the provider session and returns to the registered URI.
    const logoutPage = await request(
      `${discovery.end_session_endpoint}?${new URLSearchParams({
        id_token_hint: tokens.id_token,
        post_logout_redirect_uri: POST_LOGOUT_REDIRECT_URI,
        state: "bye",
      })}`,
    );
    expect(logoutPage.status).toBe(200);
    const logoutHtml = await logoutPage.text();
    const logoutAction = /<form id="op.logoutForm" method="post" action="([^"]+)"/.exec(logoutHtml)![1]!;
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(logoutHtml)![1]!;
    const loggedOut = await navigate(
      await request(logoutAction, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ xsrf, logout: "yes" }).toString(),
      }),
    );
    expect(loggedOut).toBeInstanceOf(URL);
    expect((loggedOut as URL).href).toBe(`${POST_LOGOUT_REDIRECT_URI}?state=bye`);

    // Signed out: the next authorization request asks for credentials again.
    const again = await navigate(
      await request(authorizationUrl({ state, nonce, code_challenge: challenge, code_challenge_method: "S256" })),
    );
    expect(again).toBeInstanceOf(Response);
    expect(await (again as Response).text()).toContain("<title>Canopy development sign-in</title>");
  });
});
