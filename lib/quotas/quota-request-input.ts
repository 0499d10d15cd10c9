import { z } from "zod";
import { QUOTA_KEYS, parseQuotaInput, type QuotaKey } from "@/lib/quotas/quota-keys";

// The form schemas of quota-increase requests, shared by the tenant's form, the operator's
// approval and their server actions. Each amount is the new limit asked for (or granted), in
// the unit the form names; blank means "no change to this key".

export type QuotaAmounts = Partial<Record<QuotaKey, number>>;

/** One optional amount field: blank is null, anything else must parse (the error names the rule). */
function amountField(key: QuotaKey) {
  return z
    .string()
    .optional()
    .transform((raw, ctx) => {
      if (raw === undefined || raw.trim() === "") return null;
      const parsed = parseQuotaInput(key, raw);
      if ("error" in parsed) {
        ctx.addIssue({ code: "custom", message: parsed.error });
        return z.NEVER;
      }
      return parsed.amount;
    });
}

export const amountFields = {
  cpu: amountField("cpu"),
  memory: amountField("memory"),
  storage: amountField("storage"),
  pods: amountField("pods"),
  volumes: amountField("volumes"),
  services: amountField("services"),
};

/** The amounts given, by key (the blank ones left out). */
export function amountsOf(input: Record<QuotaKey, number | null>): QuotaAmounts {
  const amounts: QuotaAmounts = {};
  for (const { key } of QUOTA_KEYS) if (input[key] !== null) amounts[key] = input[key];
  return amounts;
}

export const AMOUNTS_FIELD = "amounts";

export const requestQuotaIncreaseInput = z
  .object({
    ...amountFields,
    justification: z
      .string()
      .trim()
      .min(20, "Say why the workspace needs more, in at least 20 characters.")
      .max(2000, "Keep the justification to 2,000 characters at most."),
  })
  .superRefine((input, ctx) => {
    if (QUOTA_KEYS.every(({ key }) => input[key] === null)) {
      ctx.addIssue({
        code: "custom",
        path: [AMOUNTS_FIELD],
        message: "Enter a new limit for at least one of CPU, memory, storage, pods, volumes or services.",
      });
    }
  });

export const approveQuotaRequestInput = z.object({
  requestId: z.string().min(1, "Choose a request."),
  ...amountFields,
  reason: z.string().trim().max(2000, "Keep the note to 2,000 characters at most.").optional().default(""),
});

export const denyQuotaRequestInput = z.object({
  requestId: z.string().min(1, "Choose a request."),
  reason: z
    .string()
    .trim()
    .min(10, "Tell the requester why, in at least 10 characters.")
    .max(2000, "Keep the reason to 2,000 characters at most."),
});
