import { createHash, generateKeyPairSync } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import type { JWKS } from "oidc-provider";
import { z } from "zod";

// The development OIDC provider's configuration from its environment, and its signing keys
// (kept in a file so that restarts keep them).

const commaList = z.string().transform((value) =>
  value
    .split(",")
    .map((item) => item.trim())
    .filter(Boolean),
);

const EnvSchema = z.object({
  DEV_OIDC_PORT: z.coerce.number().int().min(1).max(65535).default(9460),
  // Loopback unless a test needs pods to reach it too (the in-cluster install test binds the
  // host's address on the pod network).
  DEV_OIDC_HOST: z.ipv4().default("127.0.0.1"),
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

export function fail(message: string): never {
  console.error(`dev-oidc-provider: ${message}`);
  process.exit(1);
}

export type DevOidcEnv = z.infer<typeof EnvSchema>;

export function loadEnv(): DevOidcEnv {
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
export function loadJwks(file: string | undefined): JWKS {
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
