import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { UnsecuredJWT } from "jose";
import type { Account } from "next-auth";
import GitHubProvider from "next-auth/providers/github";
import { afterEach, describe, expect, it } from "vitest";
import { GITHUB_EMAILS_URL, githubUserinfo } from "@/lib/auth/github-email";
import { authOptions } from "@/lib/auth/options";
import { configuredProviders } from "@/lib/auth/providers";
import { checkSignIn, refuseSignInAttempt } from "@/lib/auth/sign-in-refusals";
import { env } from "@/lib/config/env";
import { db } from "@/lib/db/client";

// Sign-ins Canopy refuses: no verified email, too many attempts from one address or into one
// account (with the real limits). Requests are built as an adversary would send them.

const emails = JSON.parse(
  readFileSync(new URL("../../unit/fixtures/github/user-emails.json", import.meta.url), "utf8"),
) as { cases: Record<string, { answer: unknown }> };
const githubUser = JSON.parse(
  readFileSync(new URL("../../unit/fixtures/github/user-private-email.json", import.meta.url), "utf8"),
) as { answer: Record<string, unknown> };

const portal = env().NEXTAUTH_URL;
/** A client address of its own (IPv6 documentation range), so runs never share a bucket. */
const address = () => `2001:db8::${randomBytes(2).toString("hex")}:${randomBytes(2).toString("hex")}`;

function attempt(path: string, xff: string, init: { method?: string; navigate?: boolean } = {}) {
  const headers: Record<string, string> = { "x-forwarded-for": xff };
  if (init.navigate) headers["sec-fetch-mode"] = "navigate";
  return refuseSignInAttempt(new Request(`${portal}${path}`, { method: init.method ?? "POST", headers }));
}

function oidcAccount(claims: Record<string, unknown>, sub = randomBytes(6).toString("hex")): Account {
  return {
    provider: "dev",
    type: "oauth",
    providerAccountId: sub,
    id_token: new UnsecuredJWT(claims).encode(),
  };
}

const realFetch = globalThis.fetch;
afterEach(() => {
  globalThis.fetch = realFetch;
});

describe("sign-in attempts per client address", () => {
  it("refuses attempts beyond the limit, saying when to try again, and audits the refusal", async () => {
    const limit = env().CANOPY_RATE_LIMIT_SIGN_IN_PER_ADDRESS.capacity;
    const client = address();
    // Half start a sign-in, half are provider callbacks: both count.
    for (let i = 0; i < limit; i++) {
      const path = i % 2 ? "/api/auth/signin/dev" : "/api/auth/callback/dev?code=x&state=y";
      expect(await attempt(path, client, { method: i % 2 ? "POST" : "GET" })).toBeNull();
    }

    const refused = (await attempt("/api/auth/signin/dev", client))!;
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(0);
    const { url } = (await refused.json()) as { url: string };
    expect(new URL(url).pathname).toBe("/signin");
    expect(Object.fromEntries(new URL(url).searchParams)).toEqual({
      error: "RateLimited",
      retryAfter: String(retryAfter),
    });

    const navigation = (await attempt("/api/auth/callback/dev?code=x", client, { method: "GET", navigate: true }))!;
    expect(navigation.status).toBe(303);
    expect(navigation.headers.get("location")).toContain("error=RateLimited");

    const audited = await db().auditEvent.findMany({
      where: { action: "auth.signIn", outcome: "DENIED", clientAddress: client },
    });
    expect(audited).toHaveLength(1);
    expect(audited[0]!.details).toMatchObject({ reason: "rate limit", per: "address", refusedInRow: 1 });

    // Positive control: another client is not affected.
    expect(await attempt("/api/auth/signin/dev", address())).toBeNull();
  });

  it("is not fooled by a forged X-Forwarded-For: only the entry the trusted proxy added counts", async () => {
    const limit = env().CANOPY_RATE_LIMIT_SIGN_IN_PER_ADDRESS.capacity;
    const client = address();
    for (let i = 0; i < limit; i++) {
      expect(await attempt("/api/auth/signin/dev", `${address()}, ${client}`)).toBeNull();
    }
    expect((await attempt("/api/auth/signin/dev", `${address()}, ${client}`))?.status).toBe(429);
  });

  it("does not count what is not a sign-in attempt", async () => {
    const limit = env().CANOPY_RATE_LIMIT_SIGN_IN_PER_ADDRESS.capacity;
    const client = address();
    for (let i = 0; i <= limit; i++) {
      expect(await attempt("/api/auth/session", client, { method: "GET" })).toBeNull();
      expect(await attempt("/api/auth/csrf", client, { method: "GET" })).toBeNull();
    }
    expect(await attempt("/api/auth/signin/dev", client)).toBeNull();
  });
});

describe("the sign-in callback", () => {
  it("refuses a provider that vouches for no email address", async () => {
    const unverified = oidcAccount({ email: "dave@canopy.test", email_verified: false });
    expect(await checkSignIn(unverified, { email: "dave@canopy.test" })).toBe(
      `${portal}/signin?error=EmailNotVerified`,
    );
    const silent = oidcAccount({ sub: "x" });
    expect(await checkSignIn(silent, {})).toContain("error=EmailNotVerified");
    // Positive control.
    expect(await checkSignIn(oidcAccount({ email: "erin@canopy.test", email_verified: true }), {})).toBe(true);
  });

  it("limits sign-ins into one account", async () => {
    const limit = env().CANOPY_RATE_LIMIT_SIGN_IN_PER_ACCOUNT.capacity;
    const account = oidcAccount({ email: "busy@canopy.test", email_verified: true });
    for (let i = 0; i < limit; i++) expect(await checkSignIn(account, {})).toBe(true);
    expect(await checkSignIn(account, {})).toMatch(/\/signin\?error=RateLimited&retryAfter=\d+$/);
    // Positive control: another account signs in.
    expect(await checkSignIn(oidcAccount({ email: "calm@canopy.test", email_verified: true }), {})).toBe(true);
  });

  it("makes session tokens of 256 bits from the CSPRNG", () => {
    const generate = authOptions().session!.generateSessionToken!;
    const tokens = new Set(Array.from({ length: 1000 }, () => generate() as string));
    expect(tokens.size).toBe(1000);
    for (const token of tokens) {
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(Buffer.from(token, "base64url")).toHaveLength(32);
    }
  });
});

describe("GitHub sign-in", () => {
  /** GitHub's answers replayed from the recorded fixtures (no internet here). */
  function replayGitHub(emailsAnswer: unknown, status = 200) {
    const asked: { url: string; authorization: string | null }[] = [];
    globalThis.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = String(input);
      asked.push({ url, authorization: new Headers(init?.headers).get("authorization") });
      return Response.json(emailsAnswer, { status });
    }) as typeof fetch;
    const client = { userinfo: async () => ({ ...githubUser.answer }) };
    return { asked, client };
  }

  async function signInWithGitHub(emailsAnswer: unknown, status = 200) {
    const { asked, client } = replayGitHub(emailsAnswer, status);
    const raw = await githubUserinfo({ client, tokens: { access_token: "gho_recorded" } });
    const profile = await GitHubProvider({ clientId: "id", clientSecret: "secret" }).profile(raw as never, {});
    const account: Account = { provider: "github", type: "oauth", providerAccountId: String(raw.id) };
    return { asked, profile, decision: await checkSignIn(account, raw as { email?: string | null }) };
  }

  it("asks for user:email and reads the verified primary address from the emails API", async () => {
    const github = configuredProviders({ ...env(), GITHUB_CLIENT_ID: "id", GITHUB_CLIENT_SECRET: "secret" }).find(
      (p) => p.id === "github",
    ) as unknown as { options: { authorization: { params: { scope: string } }; userinfo: { request: unknown } } };
    expect(github.options.authorization.params.scope.split(" ")).toContain("user:email");
    expect(github.options.userinfo.request).toBe(githubUserinfo);

    const { asked, profile, decision } = await signInWithGitHub(emails.cases["primary verified among others"]!.answer);
    expect(asked).toEqual([{ url: GITHUB_EMAILS_URL, authorization: "Bearer gho_recorded" }]);
    expect(profile.email).toBe("octocat@example.com");
    expect(decision).toBe(true);
  });

  it("refuses a GitHub account whose primary address is not verified, with the clear message", async () => {
    const { profile, decision } = await signInWithGitHub(
      emails.cases["primary not verified, another verified"]!.answer,
    );
    expect(profile.email).toBeNull();
    expect(decision).toBe(`${portal}/signin?error=EmailNotVerified`);
  });

  it("fails the sign-in when GitHub's emails API refuses, instead of going on without a verified address", async () => {
    await expect(
      signInWithGitHub(emails.cases["error answer (404, token without user:email)"]!.answer, 404),
    ).rejects.toThrow(/404/);
  });
});
