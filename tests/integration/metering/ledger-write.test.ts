import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import type { UsageRow } from "@/lib/metering/meter-minute";
import { writeUsage } from "@/lib/metering/write-usage";
import { teamWorkspace } from "../../support/factories";
import { ledgerEntries } from "../../support/usage-ledger";

// The ledger's storage: one row per object and minute with all its resources, the identity
// stored once, a partition per day, and exactly one write per object-minute however often,
// and however concurrently, the minute is retried.

const MINUTE = new Date("2026-04-14T23:59:00Z");
const uid = () => `uid-${randomBytes(6).toString("hex")}`;

function minuteOf(workspaceId: string, uids: { pod: string; claim: string; endpoint: string }, at = MINUTE) {
  const pod = { objectKind: "POD", namespace: "ns", objectName: "web-0", runtimeName: "web", runtimeClass: "gvisor" };
  const rows: UsageRow[] = [
    { ...pod, objectUid: uids.pod, resource: "CPU", quantity: 250n },
    { ...pod, objectUid: uids.pod, resource: "MEMORY", quantity: 2n ** 28n },
    { ...pod, objectUid: uids.pod, resource: "EGRESS", quantity: 12_345n },
    {
      ...pod,
      objectKind: "PVC",
      objectUid: uids.claim,
      objectName: "data",
      runtimeName: "",
      resource: "STORAGE",
      quantity: 2n ** 30n,
    },
    { ...pod, objectKind: "ENDPOINT", objectUid: uids.endpoint, objectName: "web", resource: "ENDPOINT", quantity: 1n },
  ].map((r) => ({ ...r, workspaceId, minute: at }) as UsageRow);
  return rows;
}

const storedRows = async (workspaceId: string) =>
  (
    await db().$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM usage_ledger l JOIN usage_objects o ON o.id = l.object_id
       WHERE o.workspace_id = ${workspaceId}`
  )[0]!.n;

describe("the ledger", () => {
  it("stores one row per object-minute and one identity per object, and reads back every quantity", async () => {
    const { workspace } = await teamWorkspace({ prefix: "ledger" });
    const uids = { pod: uid(), claim: uid(), endpoint: uid() };
    expect(await writeUsage(minuteOf(workspace.id, uids))).toBe(5);
    expect(await storedRows(workspace.id)).toBe(3);
    expect(await db().usageObject.count({ where: { workspaceId: workspace.id } })).toBe(3);
    const entries = await ledgerEntries({ workspaceId: workspace.id });
    expect(entries.map((e) => `${e.objectUid} ${e.resource}=${e.quantity}`).sort()).toEqual(
      [
        `${uids.pod} CPU=250`,
        `${uids.pod} MEMORY=${2 ** 28}`,
        `${uids.pod} EGRESS=12345`,
        `${uids.claim} STORAGE=${2 ** 30}`,
        `${uids.endpoint} ENDPOINT=1`,
      ].sort(),
    );
    // The next minute is the next UTC day: its own partition, made by the writer.
    const next = new Date(MINUTE.getTime() + 60_000);
    expect(await writeUsage(minuteOf(workspace.id, uids, next))).toBe(5);
    const partitions = await db().$queryRaw<{ name: string }[]>`
      SELECT c.relname::text AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
       WHERE i.inhparent = 'usage_ledger'::regclass AND c.relname IN ('usage_ledger_20260414', 'usage_ledger_20260415')`;
    expect(partitions.map((p) => p.name).sort()).toEqual(["usage_ledger_20260414", "usage_ledger_20260415"]);
    // No foreign key on the ledger's rows (the identity table has the workspace's).
    const keys = await db().$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM pg_constraint WHERE conrelid = 'usage_ledger'::regclass AND contype = 'f'`;
    expect(keys[0]!.n).toBe(0);
  });

  it("writes a retried minute once: again, concurrently, shuffled, or with a resource more", async () => {
    const { workspace } = await teamWorkspace({ prefix: "ledger" });
    const uids = { pod: uid(), claim: uid(), endpoint: uid() };
    const minute = minuteOf(workspace.id, uids);
    const first = await Promise.all([writeUsage(minute), writeUsage([...minute].reverse()), writeUsage(minute)]);
    expect(first.reduce((a, b) => a + b, 0)).toBe(5);
    const before = await ledgerEntries({ workspaceId: workspace.id });
    // The retry: the same minute again, then the minute with the pod's egress changed.
    expect(await writeUsage(minute)).toBe(0);
    const changed = minute.map((r) => (r.resource === "EGRESS" ? { ...r, quantity: 99n } : r));
    expect(await writeUsage(changed)).toBe(0);
    expect(await ledgerEntries({ workspaceId: workspace.id })).toEqual(before);
    expect(await storedRows(workspace.id)).toBe(3);
    // Positive control: a minute not yet written is written.
    expect(await writeUsage(minuteOf(workspace.id, uids, new Date(MINUTE.getTime() - 60_000)))).toBe(5);
    expect(await storedRows(workspace.id)).toBe(6);
  });

  it("joins an object-minute's rows that are not side by side, the first quantity of a resource counting", async () => {
    const { workspace } = await teamWorkspace({ prefix: "ledger" });
    const uids = { pod: uid(), claim: uid(), endpoint: uid() };
    const [cpu, memory, egress, claim, endpoint] = minuteOf(workspace.id, uids);
    const again = { ...cpu!, quantity: 999n };
    expect(await writeUsage([cpu!, claim!, memory!, endpoint!, again, egress!])).toBe(5);
    expect(await storedRows(workspace.id)).toBe(3);
    const entries = await ledgerEntries({ workspaceId: workspace.id });
    expect(
      entries
        .filter((e) => e.objectUid === uids.pod)
        .map((e) => `${e.resource}=${e.quantity}`)
        .sort(),
    ).toEqual(["CPU=250", `MEMORY=${2 ** 28}`, "EGRESS=12345"].sort());
  });
});
