import { db } from "@/lib/db/client";
import { listWorkspaces, listWorkspacesInput } from "@/lib/platform/list-workspaces";
import { resetBenchDatabase, seedWorkspaceRows, timed, type Benchmark } from "./support";

// The operator's workspace list (/admin/workspaces, listWorkspaces) at 10,000 workspaces: a
// page of 50 without filters (the first page, and a page reached by following "next" 100
// times: keyset paging costs the same at any depth), with filters (plan, suspended, balance
// below zero) and with a search (part of an owner's address). Pure PostgreSQL.

const SIZES = {
  smoke: { warmup: 5, runs: 30, workspaces: 500 },
  full: { warmup: 20, runs: 200, workspaces: 10_000 },
};

/** Half the workspaces on the personal plan; every 20th held for its balance, every 3rd of those suspended; every 50th suspended by an operator. */
async function seedStates(workspaces: number): Promise<void> {
  await db()
    .$executeRaw`UPDATE workspaces SET plan_id = 'personal', created_at = now() - (random() * interval '365 days')
                          WHERE id LIKE 'seed-w-%' AND substr(id, 8)::int % 2 = 0`;
  await db().$executeRaw`UPDATE workspaces SET created_at = now() - (random() * interval '365 days')
                          WHERE id LIKE 'seed-w-%' AND substr(id, 8)::int % 2 = 1`;
  await db().$executeRaw`
    INSERT INTO billing_holds (workspace_id, reason, since, suspended_at)
    SELECT 'seed-w-' || g, 'BALANCE', now(), CASE WHEN g % 60 = 0 THEN now() END
      FROM generate_series(20, ${workspaces}::int, 20) g`;
  await db().$executeRaw`
    INSERT INTO operator_suspensions (workspace_id, reason)
    SELECT 'seed-w-' || g, 'bench' FROM generate_series(50, ${workspaces}::int, 50) g`;
  await db().$executeRawUnsafe("ANALYZE");
}

export const benchmark: Benchmark = {
  name: "admin-workspaces",
  description: "the operator's workspace list: a page of 50 among 10,000 workspaces, with and without filters",
  async run(size, log) {
    const { warmup, runs, workspaces } = SIZES[size];
    await resetBenchDatabase();
    try {
      log(`seeding ${workspaces} workspaces`);
      await seedWorkspaceRows(1, workspaces, "team");
      await seedStates(workspaces);

      const first = listWorkspacesInput.parse({});
      // A cursor 100 pages deep (or as deep as the seed goes), found by following "next".
      let deep = first;
      for (let i = 0; i < Math.min(100, Math.floor(workspaces / 50) - 1); i++) {
        const page = await listWorkspaces(deep);
        if (!page.next) break;
        deep = listWorkspacesInput.parse({ after: page.next });
      }
      const filtered = listWorkspacesInput.parse({ plan: "personal", suspended: "none", balance: "negative" });
      const searched = listWorkspacesInput.parse({ q: "seed-77", sort: "name" });
      const check = await Promise.all([first, deep, filtered, searched].map((input) => listWorkspaces(input)));
      if (check.some((page) => page.workspaces.length === 0)) throw new Error("a measured page came back empty");
      if (check[0]!.total !== workspaces) throw new Error(`the list counts ${check[0]!.total} workspaces`);

      for (let i = 0; i < warmup; i++)
        for (const input of [first, deep, filtered, searched]) await listWorkspaces(input);
      const samples = {
        first: [] as number[],
        deep: [] as number[],
        filtered: [] as number[],
        searched: [] as number[],
      };
      for (let i = 0; i < runs; i++) {
        samples.first.push(await timed(() => listWorkspaces(first)));
        samples.deep.push(await timed(() => listWorkspaces(deep)));
        samples.filtered.push(await timed(() => listWorkspaces(filtered)));
        samples.searched.push(await timed(() => listWorkspaces(searched)));
      }
      return {
        figures: [
          { name: "page of 50, no filter (first page)", samples: samples.first, targets: { p95: 100 } },
          { name: "page of 50, no filter (100 pages deep)", samples: samples.deep, targets: { p95: 100 } },
          {
            name: "page of 50, plan + balance below zero + not suspended",
            samples: samples.filtered,
            targets: { p95: 100 },
          },
          {
            name: "page of 50, search (slug, name, owner email) by name",
            samples: samples.searched,
            targets: { p95: 100 },
          },
        ],
        params: { warmup, runs, workspaces, matches: check.map((page) => page.total) },
        notes: [
          "Each read is the page's rows (with the owner's address) and the count of all that match, as the page shows it.",
        ],
      };
    } finally {
      await resetBenchDatabase();
    }
  },
};
