import type { Micros } from "@/lib/billing/money";
import { QUOTA_KEYS, type QuotaKey } from "@/lib/quotas/quota-keys";
import type { QuotaAmounts } from "@/lib/quotas/quota-request-input";

// The auto-approval rule (docs/architecture.md, "Quota-increase requests"): a request is
// granted at once, without an operator, when every limit it asks for is at most twice the
// plan's own limit for that key, the workspace's balance is above zero, and no billing hold
// is in force. Anything else waits in the operators' queue.

export const AUTO_APPROVE_FACTOR = 2;

export interface AutoApprovalFacts {
  asked: QuotaAmounts;
  plan: Record<QuotaKey, number>;
  balance: Micros;
  held: boolean;
}

/** Why the rule does not approve the request, or null when it does. */
export function autoApprovalRefusal({ asked, plan, balance, held }: AutoApprovalFacts): string | null {
  if (held) return "a billing hold is in force";
  if (balance <= 0n) return "the balance is not above zero";
  for (const { key } of QUOTA_KEYS) {
    const amount = asked[key];
    if (amount !== undefined && amount > plan[key] * AUTO_APPROVE_FACTOR) {
      return `${key} is more than ${AUTO_APPROVE_FACTOR}× the plan`;
    }
  }
  return null;
}
