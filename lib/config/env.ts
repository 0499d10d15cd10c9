import { z } from "zod";
import { parseCidr } from "@/lib/net/cidr";

// Configuration is read once, here; nothing else reads process.env. Parsing is lazy so
// that `next build` works without a running stack.

const optional = z
  .string()
  .trim()
  .transform((v) => (v === "" ? undefined : v))
  .optional();

/** A comma-separated list of CIDR blocks ("" for none). */
const cidrList = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((value, ctx) => {
      const blocks = value
        .split(",")
        .map((b) => b.trim())
        .filter(Boolean);
      for (const block of blocks) {
        if (!parseCidr(block))
          ctx.addIssue({ code: "custom", message: `"${block}" is not a CIDR block (e.g. 10.0.0.0/8)` });
      }
      return blocks;
    });

/** Equality-based label selector, "key=value[,key=value]", as matchLabels. */
const matchLabels = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((value, ctx) => {
      const labels: Record<string, string> = {};
      for (const pair of value.split(",").map((p) => p.trim())) {
        const match = /^([A-Za-z0-9][-A-Za-z0-9_./]*)=([-A-Za-z0-9_.]*)$/.exec(pair);
        if (match) labels[match[1]!] = match[2]!;
        else ctx.addIssue({ code: "custom", message: `"${pair}" is not key=value` });
      }
      return labels;
    });
/** A rate limit, "<count>/<window>": "30/1h" is 30 attempts an hour, refilled evenly. */
const rate = z
  .string()
  .trim()
  .regex(/^[1-9]\d*\/\d*[smhd]$/, 'use "<count>/<window>", for example "30/1h" or "5/10m"')
  .transform((value) => {
    const [count, window] = value.split("/") as [string, string];
    const unit = { s: 1, m: 60, h: 3600, d: 86_400 }[window.slice(-1) as "s" | "m" | "h" | "d"];
    return { capacity: Number(count), windowSeconds: Number(window.slice(0, -1) || "1") * unit };
  })
  .refine((r) => r.windowSeconds > 0, "the window must be longer than zero");

export type RateLimit = z.output<typeof rate>;

const schema = z
  .object({
    NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
    DATABASE_URL: z.string().url(),
    KUBECONFIG: optional,
    NEXTAUTH_URL: z.string().url().default("http://localhost:3000"),
    NEXTAUTH_SECRET: z.string().min(32, "NEXTAUTH_SECRET must be at least 32 characters"),
    GITHUB_CLIENT_ID: optional,
    GITHUB_CLIENT_SECRET: optional,
    GOOGLE_CLIENT_ID: optional,
    GOOGLE_CLIENT_SECRET: optional,
    OIDC_ISSUER: z.string().url().optional(),
    OIDC_CLIENT_ID: optional,
    OIDC_CLIENT_SECRET: optional,
    OIDC_NAME: z.string().default("Single sign-on"),
    DEV_OIDC_ISSUER: z.string().url().optional(),
    DEV_OIDC_CLIENT_ID: optional,
    DEV_OIDC_CLIENT_SECRET: optional,
    CANOPY_INSTANCE: z
      .string()
      .regex(/^[a-z0-9]([-a-z0-9]{0,38}[a-z0-9])?$/, "use a DNS label of at most 40 characters")
      .default("default"),
    CANOPY_PERSONAL_PLAN: z.string().default("personal"),
    CANOPY_TEAM_PLAN: z.string().default("team"),
    CANOPY_MAX_TEAM_WORKSPACES_PER_USER: z.coerce.number().int().min(0).default(5),
    CANOPY_INVITATION_TTL_DAYS: z.coerce.number().int().min(1).max(30).default(7),
    // The reconciler's safety-net full pass; watches repair drift in between (docs/decisions/013).
    CANOPY_RECONCILE_INTERVAL_SECONDS: z.coerce.number().int().min(5).default(600),
    CANOPY_KUBECONFIG_DEFAULT_HOURS: z.coerce.number().int().min(1).default(24),
    CANOPY_KUBECONFIG_MAX_HOURS: z.coerce.number().int().min(1).max(8760).default(168),
    // What kubeconfigs point kubectl at; defaults to the portal's own cluster connection.
    CANOPY_PUBLIC_API_SERVER: z.string().url().optional(),
    CANOPY_PUBLIC_API_CA_FILE: optional,
    // Public endpoints are <prefix>.<this domain>, served by the cluster's ingress controller.
    CANOPY_PUBLIC_BASE_DOMAIN: z.string().default("apps.canopy.localhost"),
    /**
     * Registries (host[:port], comma-separated) whose image configuration the runtime
     * preflight may read (OCI distribution API), to warn about images that need root or a
     * port below 1024. Only these are asked: the portal does not fetch from arbitrary hosts.
     */
    CANOPY_IMAGE_CONFIG_REGISTRIES: z
      .string()
      .default("127.0.0.1:5000,localhost:5000")
      .transform((v) =>
        v
          .split(",")
          .map((s) => s.trim())
          .filter(Boolean),
      ),
    CANOPY_INGRESS_CLASS: optional,
    // Billing (docs/metering.md): the credit each new workspace starts with, in micro-units.
    CANOPY_SIGNUP_CREDIT_MICROS: z.coerce.bigint().min(0n).default(5_000_000n),
    // How long a workspace without credit (or over a hard budget) keeps its runtimes running.
    CANOPY_SUSPEND_GRACE_MINUTES: z.coerce.number().int().min(0).default(60),
    // Names the meter's cursor, shared by the worker's replicas (default: the Lease's name).
    CANOPY_METERING_WORKER_ID: optional,
    // The worker's replicas elect their leader on the Lease <name> in <namespace> (docs/decisions/010);
    // default name: canopy-worker, or canopy-worker-<instance> for an instance other than "default".
    CANOPY_SYSTEM_NAMESPACE: z.string().default("canopy-system"),
    CANOPY_WORKER_LEASE_NAME: optional,
    // The pod's name (the chart sets it from the downward API); the worker's identity on the
    // Lease starts with it. Not HOSTNAME: the image sets that to the address to bind, 0.0.0.0.
    POD_NAME: optional,
    // The worker's own HTTP endpoint: /livez, /readyz and /metrics.
    CANOPY_WORKER_PORT: z.coerce.number().int().min(0).max(65535).default(9090),
    // How far back a (re)started worker catches up minutes it missed.
    CANOPY_METERING_CATCHUP_MINUTES: z.coerce.number().int().min(1).max(1440).default(60),
    // The cluster's networks, kept out of tenants' egress (docs/isolation.md, "Hardening: cluster rules").
    CANOPY_CLUSTER_POD_CIDRS: cidrList("10.244.0.0/16,10.246.0.0/24"),
    CANOPY_CLUSTER_SERVICE_CIDRS: cidrList("10.96.0.0/16"),
    // Further addresses tenants may not reach: the API server's and the nodes' where they are public.
    CANOPY_EGRESS_EXCLUDED_CIDRS: cidrList(""),
    // Where tenants' pods may send DNS queries: these addresses, and the cluster DNS pods.
    CANOPY_DNS_CIDRS: cidrList("169.254.20.10/32"),
    CANOPY_DNS_NAMESPACE: z.string().default("kube-system"),
    CANOPY_DNS_POD_LABELS: matchLabels("k8s-app=kube-dns"),
    // The ingress controller's namespace (by its labels): may reach runtimes with a public endpoint.
    CANOPY_INGRESS_CONTROLLER_NAMESPACE_LABELS: matchLabels("canopy.dev/ingress-controller=true"),
    // Rate limits on costly actions (lib/rate-limits), kept in PostgreSQL so they hold across
    // portal processes. Tests that create many things quickly lift them (playwright.config.ts).
    CANOPY_RATE_LIMIT_SIGN_IN_PER_ADDRESS: rate.prefault("60/10m"),
    CANOPY_RATE_LIMIT_SIGN_IN_PER_ACCOUNT: rate.prefault("20/1h"),
    CANOPY_RATE_LIMIT_WORKSPACE_CREATE_PER_USER: rate.prefault("10/1h"),
    CANOPY_RATE_LIMIT_KUBECONFIG_PER_USER: rate.prefault("30/1h"),
    CANOPY_RATE_LIMIT_KUBECONFIG_PER_WORKSPACE: rate.prefault("100/1h"),
    CANOPY_RATE_LIMIT_INVITATIONS_PER_USER: rate.prefault("30/1h"),
    CANOPY_RATE_LIMIT_INVITATIONS_PER_WORKSPACE: rate.prefault("60/1h"),
    // Requests to the REST API (/api/v1) per API token.
    CANOPY_RATE_LIMIT_API_PER_TOKEN: rate.prefault("600/1m"),
    // Reverse proxies in front of the portal that append the client's address to
    // X-Forwarded-For: the client is that many entries from the end (1: the last entry).
    CANOPY_TRUSTED_PROXY_HOPS: z.coerce.number().int().min(1).max(10).default(1),
    // The longest lifetime a member may give an API token, in days (lib/api-tokens/).
    CANOPY_API_TOKEN_MAX_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
    // Expired and revoked kubeconfigs stay listed this long, then their rows are pruned.
    CANOPY_KUBECONFIG_RETENTION_DAYS: z.coerce.number().int().min(0).max(365).default(7),
    // Per-pod usage samples (the runtime page's charts) are kept this long, then deleted.
    CANOPY_USAGE_SAMPLE_RETENTION_HOURS: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 90)
      .default(48),
    // The ledger's raw minutes are kept this long (and until rated), then their daily
    // partitions are dropped; billing reads older periods from the rollups (docs/metering.md).
    CANOPY_LEDGER_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(35),
    // The members' namespace's quota on Secrets (one per kubeconfig), so it cannot be filled.
    CANOPY_MEMBERS_NAMESPACE_MAX_SECRETS: z.coerce.number().int().min(1).default(20_000),
    // Platform administrators to start with: users who signed in with a verified address in
    // this comma-separated list become administrators; after that, administrators grant and
    // revoke the role in the console (lib/platform/platform-admins.ts).
    CANOPY_PLATFORM_ADMIN_EMAILS: z
      .string()
      .default("")
      .transform((value, ctx) => {
        const emails = value
          .split(",")
          .map((e) => e.trim().toLowerCase())
          .filter(Boolean);
        for (const email of emails) {
          if (!z.email().safeParse(email).success)
            ctx.addIssue({ code: "custom", message: `"${email}" is not an email address` });
        }
        return emails;
      }),
    SMTP_URL: optional,
    MAIL_FROM: z.string().default("Canopy <no-reply@canopy.local>"),
  })
  .superRefine((value, ctx) => {
    const pairs = [
      ["GITHUB_CLIENT_ID", "GITHUB_CLIENT_SECRET"],
      ["GOOGLE_CLIENT_ID", "GOOGLE_CLIENT_SECRET"],
      ["OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET"],
      ["DEV_OIDC_CLIENT_ID", "DEV_OIDC_CLIENT_SECRET"],
    ] as const;
    for (const [id, secret] of pairs) {
      if (Boolean(value[id]) !== Boolean(value[secret])) {
        ctx.addIssue({ code: "custom", path: [value[id] ? secret : id], message: `set both ${id} and ${secret}` });
      }
    }
    if (value.OIDC_CLIENT_ID && !value.OIDC_ISSUER) {
      ctx.addIssue({ code: "custom", path: ["OIDC_ISSUER"], message: "required when OIDC_CLIENT_ID is set" });
    }
  });

export type Env = z.infer<typeof schema>;

let cached: Env | undefined;

export function env(): Env {
  if (!cached) {
    const parsed = schema.safeParse(process.env);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
      throw new Error(`Invalid configuration (environment variables):\n${problems}`);
    }
    cached = parsed.data;
  }
  return cached;
}
