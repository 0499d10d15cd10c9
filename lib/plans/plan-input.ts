import { z } from "zod";
import { parseMoney } from "@/lib/billing/parse-money";
import { QUOTA_KEYS, parseQuotaInput, type QuotaKey } from "@/lib/quotas/quota-keys";

// The operator's plan form, one schema for the form and its server actions. Quota amounts
// are typed in the units the quota keys name (cores, GiB, counts) and parsed without floating
// point; classes are comma-separated Kubernetes names; money is a decimal parsed to integer
// micro-units. Every error names its field and the rule it broke.

const DNS_LABEL = /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/;
export const PLAN_ID = /^[a-z0-9]([-a-z0-9]{0,38}[a-z0-9])?$/;
export const MAX_TEAM_WORKSPACE_LIMIT = 1000;

function quotaField(key: QuotaKey) {
  return z.string({ error: "This field is required." }).transform((raw, ctx) => {
    const parsed = parseQuotaInput(key, raw);
    if ("error" in parsed) {
      ctx.addIssue({ code: "custom", message: parsed.error });
      return z.NEVER;
    }
    return parsed.amount;
  });
}

function classList(label: string, required: boolean) {
  return z
    .string()
    .default("")
    .transform((raw, ctx) => {
      const names = [
        ...new Set(
          raw
            .split(",")
            .map((n) => n.trim())
            .filter(Boolean),
        ),
      ];
      const bad = names.find((n) => !DNS_LABEL.test(n));
      if (bad) {
        ctx.addIssue({
          code: "custom",
          message: `"${bad}" is not a ${label} name: lowercase letters, digits, "-" and ".".`,
        });
        return z.NEVER;
      }
      if (required && names.length === 0) {
        ctx.addIssue({ code: "custom", message: `Name at least one ${label}.` });
        return z.NEVER;
      }
      return names.sort();
    });
}

/** Blank means "the installation's default" (null). */
const teamWorkspaceLimit = z
  .string()
  .default("")
  .transform((raw, ctx) => {
    const text = raw.trim();
    if (text === "") return null;
    if (!/^\d{1,4}$/.test(text) || Number(text) > MAX_TEAM_WORKSPACE_LIMIT) {
      ctx.addIssue({
        code: "custom",
        message: `Team workspace limit must be a whole number from 0 to ${MAX_TEAM_WORKSPACE_LIMIT}, or blank for the default.`,
      });
      return z.NEVER;
    }
    return Number(text);
  });

/** Blank means "the installation's default" (null). */
const signupCredit = z
  .string()
  .default("")
  .transform((raw, ctx) => {
    if (raw.trim() === "") return null;
    const micros = parseMoney(raw);
    if (micros === null) {
      ctx.addIssue({
        code: "custom",
        message: "Sign-up credit must be an amount like 5 or 12.50 (at most 6 decimals), or blank for the default.",
      });
      return z.NEVER;
    }
    return micros;
  });

const planFields = z.object({
  name: z.string().trim().min(2, "Name must be at least 2 characters.").max(60, "Name must be at most 60 characters."),
  description: z.string().trim().max(300, "Description must be at most 300 characters.").default(""),
  ...(Object.fromEntries(QUOTA_KEYS.map(({ key }) => [key, quotaField(key)])) as Record<
    QuotaKey,
    ReturnType<typeof quotaField>
  >),
  allowedRuntimeClasses: classList("runtime class", true),
  defaultRuntimeClass: z.string().trim().default(""),
  allowedStorageClasses: classList("storage class", true),
  teamWorkspaceLimit,
  signupCredit,
});

function checkDefaultClass(input: z.output<typeof planFields>, ctx: z.RefinementCtx): void {
  const fallback = input.allowedRuntimeClasses[0] ?? "";
  const chosen = input.defaultRuntimeClass || fallback;
  if (!input.allowedRuntimeClasses.includes(chosen)) {
    ctx.addIssue({
      code: "custom",
      path: ["defaultRuntimeClass"],
      message: "The default runtime class must be one of the allowed runtime classes.",
    });
  }
  input.defaultRuntimeClass = chosen;
}

export const updatePlanInput = planFields
  .extend({ planId: z.string().trim().min(1, "Choose a plan.").max(40) })
  .superRefine(checkDefaultClass);

export const createPlanInput = planFields
  .extend({
    planId: z
      .string()
      .trim()
      .regex(PLAN_ID, "Plan id must be 1-40 lowercase letters, digits and single dashes, like team-plus."),
  })
  .superRefine(checkDefaultClass);

export type PlanInput = z.output<typeof updatePlanInput>;

/** The plan's columns set by the form (quota keys mapped to the plan's fields). */
export function planColumns(input: PlanInput) {
  const columns: Record<string, unknown> = {};
  for (const { key, field } of QUOTA_KEYS) columns[field] = input[key];
  return {
    ...(columns as Record<(typeof QUOTA_KEYS)[number]["field"], number>),
    name: input.name,
    description: input.description,
    allowedRuntimeClasses: input.allowedRuntimeClasses,
    defaultRuntimeClass: input.defaultRuntimeClass,
    allowedStorageClasses: input.allowedStorageClasses,
    teamWorkspaceLimit: input.teamWorkspaceLimit,
    signupCreditMicros: input.signupCredit,
  };
}
