import type { Actor } from "@/lib/authz/context";
import { recordAudit } from "@/lib/audit/record";
import { env, type Env, type RateLimit } from "@/lib/config/env";
import { AppError } from "@/lib/errors/app-error";
import { takeToken } from "@/lib/rate-limits/take-token";

// The rate limits on costly actions, per subject (the user, the workspace, the client's
// address, the signing-in account, the API token), each a token bucket in PostgreSQL (take-token.ts). A
// refusal says when to try again and is audited: the first refusal of a run, then the
// 10th, 100th, … so that hammering a limit cannot flood the audit log.

export type SubjectKind = "user" | "workspace" | "address" | "account" | "token";

interface Rule {
  limit: (config: Env) => RateLimit;
  /** What the refused person is told, before "Try again in N s." */
  message: string;
}

const RULES = {
  "auth.signIn": {
    address: { limit: (c) => c.CANOPY_RATE_LIMIT_SIGN_IN_PER_ADDRESS, message: "Too many sign-in attempts." },
    account: { limit: (c) => c.CANOPY_RATE_LIMIT_SIGN_IN_PER_ACCOUNT, message: "Too many sign-ins to this account." },
  },
  "workspace.create": {
    user: {
      limit: (c) => c.CANOPY_RATE_LIMIT_WORKSPACE_CREATE_PER_USER,
      message: "You have created too many workspaces recently.",
    },
  },
  "kubeconfig.issue": {
    user: {
      limit: (c) => c.CANOPY_RATE_LIMIT_KUBECONFIG_PER_USER,
      message: "You have issued too many kubeconfigs recently.",
    },
    workspace: {
      limit: (c) => c.CANOPY_RATE_LIMIT_KUBECONFIG_PER_WORKSPACE,
      message: "Too many kubeconfigs were issued in this workspace recently.",
    },
  },
  "invitation.send": {
    user: {
      limit: (c) => c.CANOPY_RATE_LIMIT_INVITATIONS_PER_USER,
      message: "You have sent too many invitations recently.",
    },
    workspace: {
      limit: (c) => c.CANOPY_RATE_LIMIT_INVITATIONS_PER_WORKSPACE,
      message: "Too many invitations were sent from this workspace recently.",
    },
  },
  "api.request": {
    token: {
      limit: (c) => c.CANOPY_RATE_LIMIT_API_PER_TOKEN,
      message: "Too many requests with this API token.",
    },
  },
} as const satisfies Record<string, Partial<Record<SubjectKind, Rule>>>;

export type RateLimitedAction = keyof typeof RULES;
type Subjects<A extends RateLimitedAction> = { [K in keyof (typeof RULES)[A]]?: string | null };

/** Who is refused, for the audit event. */
export interface RateLimitAudit {
  /** The audited action's name; the limited action's own by default. */
  action?: string;
  workspaceId: string | null;
  actor: Actor | null;
  clientAddress?: string | null;
}

/** The bucket key of one subject of one action. */
export function rateLimitKey(action: RateLimitedAction, kind: SubjectKind, id: string): string {
  return `${action}:${kind}:${id}`;
}

/** Audited on the 1st, 10th, 100th, … refusal in a row. */
function worthAuditing(refusedInRow: number): boolean {
  return Number.isInteger(Math.log10(refusedInRow));
}

/**
 * Takes one token from each subject's bucket of `action`, in order; throws RATE_LIMITED
 * (with when to try again) at the first that has none. Null subjects are skipped.
 */
export async function enforceRateLimit<A extends RateLimitedAction>(
  action: A,
  subjects: Subjects<A>,
  audit: RateLimitAudit,
): Promise<void> {
  const config = env();
  const rules = RULES[action] as Partial<Record<SubjectKind, Rule>>;
  for (const [kind, id] of Object.entries(subjects) as [SubjectKind, string | null][]) {
    const rule = rules[kind];
    if (!rule || !id) continue;
    const limit = rule.limit(config);
    const result = await takeToken(rateLimitKey(action, kind, id), limit);
    if (result.allowed) continue;
    if (worthAuditing(result.refusedInRow)) {
      await recordAudit({
        workspaceId: audit.workspaceId,
        actor: audit.actor,
        clientAddress: audit.clientAddress,
        action: audit.action ?? action,
        outcome: "DENIED",
        details: {
          reason: "rate limit",
          per: kind,
          subject: id,
          limit: `${limit.capacity} per ${limit.windowSeconds} s`,
          retryAfterSeconds: result.retryAfterSeconds,
          refusedInRow: result.refusedInRow,
        },
      });
    }
    throw new AppError("RATE_LIMITED", `${rule.message} Try again in ${result.retryAfterSeconds} s.`, {
      retryAfterSeconds: result.retryAfterSeconds,
      internal: `rate limit ${action} per ${kind} ${id}: refused ${result.refusedInRow} in a row`,
    });
  }
}

/** The longest window of any rule: a bucket idle that long is full again and can go. */
export function longestRateLimitWindowSeconds(config: Env = env()): number {
  const rules = Object.values(RULES).flatMap((byKind) => Object.values(byKind) as Rule[]);
  return Math.max(...rules.map((rule) => rule.limit(config).windowSeconds));
}
