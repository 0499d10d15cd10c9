import { db } from "@/lib/db/client";
import { type UsageRow } from "@/lib/metering/meter-minute";

// The ledger's object identities (usage_objects): each metered object once, referenced from
// its rows by a compact id. The first identity written for an object uid wins.
//
// Identities are written outside the caller's transaction and committed at once, so an id
// this process remembers always exists, even when the minute that first needed it was
// rolled back (a fenced leader): an identity is not usage, writing it twice is harmless.

type Identity = Pick<
  UsageRow,
  "objectUid" | "workspaceId" | "objectKind" | "namespace" | "objectName" | "runtimeName" | "runtimeClass"
>;

/**
 * Known ids by uid, with the workspace they were written for: a uid met again in another
 * workspace (a test's fixed uid in a new workspace) is looked up again.
 */
const known = new Map<string, { id: number; workspaceId: string }>();
const KNOWN_MAX = 1_000_000;

/** The ids of the objects of `rows`, in the order of `rows`, written first where new. */
export async function objectIds(rows: Identity[]): Promise<number[]> {
  const idOf = (row: Identity) => {
    const entry = known.get(row.objectUid);
    return entry && entry.workspaceId === row.workspaceId ? entry.id : undefined;
  };
  // One lookup per row when every id is known (every minute but an object's first).
  const ids = new Array<number>(rows.length);
  let missing: number[] = [];
  for (let i = 0; i < rows.length; i++) {
    const id = idOf(rows[i]!);
    if (id === undefined) missing.push(i);
    else ids[i] = id;
  }
  // Twice: a uid another worker inserted during the first statement is only seen by the next.
  for (let attempt = 0; attempt < 2 && missing.length > 0; attempt++) {
    const firsts = new Map<string, Identity>();
    for (const i of missing) if (!firsts.has(rows[i]!.objectUid)) firsts.set(rows[i]!.objectUid, rows[i]!);
    await learn([...firsts.values()]);
    missing = missing.filter((i) => {
      const id = idOf(rows[i]!);
      if (id !== undefined) ids[i] = id;
      return id === undefined;
    });
  }
  if (missing.length > 0) throw new Error(`usage object ${rows[missing[0]!]!.objectUid} has no identity`);
  return ids;
}

async function learn(entries: Identity[]): Promise<void> {
  if (known.size + entries.length > KNOWN_MAX) known.clear();
  // One JSON parameter: large arrays cost the client far more than PostgreSQL's parsing.
  const wanted = JSON.stringify(
    entries.map((i) => ({
      objectUid: i.objectUid,
      workspaceId: i.workspaceId,
      objectKind: i.objectKind,
      namespace: i.namespace,
      objectName: i.objectName,
      runtimeName: i.runtimeName,
      runtimeClass: i.runtimeClass,
    })),
  );
  const found = await db().$queryRaw<{ id: bigint; object_uid: string }[]>`
    WITH wanted AS (
      SELECT * FROM json_to_recordset(${wanted}::json)
               AS w("objectUid" text, "workspaceId" text, "objectKind" "MeteredKind", namespace text,
                    "objectName" text, "runtimeName" text, "runtimeClass" text)
    ), inserted AS (
      INSERT INTO usage_objects (object_uid, workspace_id, object_kind, namespace, object_name, runtime_name, runtime_class)
      SELECT DISTINCT ON ("objectUid") "objectUid", "workspaceId", "objectKind", namespace, "objectName",
             "runtimeName", "runtimeClass"
        FROM wanted
      ON CONFLICT (object_uid) DO NOTHING
      RETURNING id, object_uid
    )
    SELECT id, object_uid FROM inserted
    UNION ALL
    SELECT o.id, o.object_uid FROM usage_objects o WHERE o.object_uid IN (SELECT "objectUid" FROM wanted)`;
  // Numbers, not BigInts: the writer sorts and prints 100,000 of them a minute, and a BIGSERIAL stays far below 2^53.
  const ids = new Map(found.map((r) => [r.object_uid, Number(r.id)] as const));
  for (const identity of entries) {
    const id = ids.get(identity.objectUid);
    // The stored identity wins: its workspace is the one to remember, whatever this row says.
    if (id !== undefined) known.set(identity.objectUid, { id, workspaceId: identity.workspaceId });
  }
}
