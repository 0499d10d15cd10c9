// Runs one reconciler pass and prints the summary. Unlike the worker's usual pass it
// re-applies every workspace, also those that look in sync.
// Usage: npm run reconcile   (with .data/stack.env or the deployment's environment loaded)
import { db } from "../lib/db/client";
import { formatSummary, reconcileAll } from "../lib/tenancy/reconcile";

try {
  const summary = await reconcileAll({ all: true });
  console.log(formatSummary(summary));
  process.exitCode = summary.failed.length ? 1 : 0;
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await db().$disconnect();
}
