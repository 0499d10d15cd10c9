import type { Micros } from "@/lib/billing/money";
import { db } from "@/lib/db/client";
import { toAppError } from "@/lib/errors/app-error";
import { componentLogger } from "@/lib/observability/logger";
import { readClusterCapacity, type ClusterCapacity } from "@/lib/platform/cluster-capacity";

const log = componentLogger("platform");

// The operator's overview: people and workspaces from PostgreSQL, the cost accrued this UTC
// month (rated hourly line items), and the cluster's capacity against what quotas promise.
// The cluster part may be unavailable; the rest is still shown, with the reason.

export interface PlatformOverview {
  workspaces: { total: number; team: number; personal: number; onHold: number; suspended: number };
  users: { total: number; disabled: number; admins: number };
  monthToDate: { since: Date; costMicros: Micros };
  cluster: { ok: true; capacity: ClusterCapacity } | { ok: false; message: string };
}

interface CountRow {
  workspaces: bigint;
  team: bigint;
  personal: bigint;
  on_hold: bigint;
  suspended: bigint;
  users: bigint;
  disabled: bigint;
  admins: bigint;
  cost: bigint | null;
}

export function startOfUtcMonth(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
}

export async function platformOverview(now: Date = new Date()): Promise<PlatformOverview> {
  const since = startOfUtcMonth(now);
  const [rows, cluster] = await Promise.all([
    db().$queryRaw<CountRow[]>`
      SELECT
        (SELECT count(*) FROM workspaces WHERE deleted_at IS NULL) AS workspaces,
        (SELECT count(*) FROM workspaces WHERE deleted_at IS NULL AND kind = 'TEAM') AS team,
        (SELECT count(*) FROM workspaces WHERE deleted_at IS NULL AND kind = 'PERSONAL') AS personal,
        (SELECT count(*) FROM billing_holds h JOIN workspaces w ON w.id = h.workspace_id
          WHERE w.deleted_at IS NULL) AS on_hold,
        (SELECT count(*) FROM billing_holds h JOIN workspaces w ON w.id = h.workspace_id
          WHERE w.deleted_at IS NULL AND h.suspended_at IS NOT NULL) AS suspended,
        (SELECT count(*) FROM users) AS users,
        (SELECT count(*) FROM users WHERE disabled_at IS NOT NULL) AS disabled,
        (SELECT count(*) FROM platform_admins WHERE revoked_at IS NULL) AS admins,
        (SELECT sum(amount_micros)::bigint FROM hourly_line_items WHERE hour >= ${since}) AS cost`,
    readClusterCapacity().then(
      (capacity) => ({ ok: true as const, capacity }),
      (error: unknown) => {
        log.warn({ err: error }, "cluster capacity not read for the overview");
        return { ok: false as const, message: toAppError(error).userMessage };
      },
    ),
  ]);
  const r = rows[0]!;
  return {
    workspaces: {
      total: Number(r.workspaces),
      team: Number(r.team),
      personal: Number(r.personal),
      onHold: Number(r.on_hold),
      suspended: Number(r.suspended),
    },
    users: { total: Number(r.users), disabled: Number(r.disabled), admins: Number(r.admins) },
    monthToDate: { since, costMicros: BigInt(r.cost ?? 0n) },
    cluster,
  };
}
