import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";

// Fencing tokens for the worker's leaders (docs/decisions/010). The Lease says who SHOULD
// lead; a leader that was paused (or partitioned) past its Lease may still be running a
// write. So a new leader takes the next term in PostgreSQL before it starts work, and a
// fenced write checks, inside its own transaction, that its term is still the latest.
// The check takes a share lock on the term's row: claiming a new term waits for the writes
// of the old term in progress, and every later write of the old term is refused.

export interface Fence {
  name: string;
  term: bigint;
}

export class FencedOut extends Error {
  constructor(fence: Fence, latest: bigint | undefined) {
    super(`leader term ${fence.term} of ${fence.name} is over (latest ${latest ?? "none"}): another replica leads`);
    this.name = "FencedOut";
  }
}

/** Takes the next term of `name` for `holder`; call on becoming leader, before any work. */
export async function claimTerm(name: string, holder: string): Promise<Fence> {
  const rows = await db().$queryRaw<{ term: bigint }[]>`
    INSERT INTO leader_terms (name, term, holder, started_at) VALUES (${name}, 1, ${holder}, now())
    ON CONFLICT (name) DO UPDATE SET term = leader_terms.term + 1, holder = EXCLUDED.holder, started_at = now()
    RETURNING term`;
  return { name, term: rows[0]!.term };
}

/** Throws FencedOut unless `fence` is the latest term; hold the transaction open while writing. */
export async function assertTerm(tx: Prisma.TransactionClient, fence: Fence): Promise<void> {
  const rows = await tx.$queryRaw<{ term: bigint }[]>`
    SELECT term FROM leader_terms WHERE name = ${fence.name} FOR SHARE`;
  const latest = rows[0]?.term;
  if (latest !== fence.term) throw new FencedOut(fence, latest);
}
