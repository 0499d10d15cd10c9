// An operator grants a workspace credit (or, with --adjust and a negative amount, takes some
// back). The entry is audited; --key makes a retried grant a no-op.
// Usage: npm run billing:grant -- <workspace slug> <amount, e.g. 10 or 2.50> [--note text] [--by name] [--key id] [--adjust]
import { userInfo } from "node:os";
import { parseArgs } from "node:util";
import { grantCredit } from "../lib/billing/credits";
import { formatMoney } from "../lib/billing/money";
import { db } from "../lib/db/client";

const USAGE =
  "Usage: npm run billing:grant -- <workspace slug> <amount> [--note text] [--by name] [--key id] [--adjust]";

try {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    allowNegative: true,
    options: {
      note: { type: "string", default: "" },
      by: { type: "string", default: `operator:${userInfo().username}` },
      key: { type: "string" },
      adjust: { type: "boolean", default: false },
    },
  });
  const [slug, amountText] = positionals;
  const match = /^(-?)(\d{1,12})(?:\.(\d{1,6}))?$/.exec(amountText ?? "");
  if (!slug || !match) throw new Error(USAGE);
  const micros = (BigInt(match[2]!) * 1_000_000n + BigInt((match[3] ?? "").padEnd(6, "0"))) * (match[1] ? -1n : 1n);
  const result = await grantCredit({
    workspaceSlug: slug,
    amountMicros: micros,
    kind: values.adjust ? "ADJUSTMENT" : "GRANT",
    note: values.note,
    grantedBy: values.by,
    idempotencyKey: values.key,
  });
  console.log(
    result.created
      ? `Credited ${formatMoney(micros)} to ${slug} (entry ${result.id}).`
      : `Already granted with key ${values.key} (entry ${result.id}); nothing changed.`,
  );
} catch (error) {
  console.error(error instanceof Error ? ((error as { userMessage?: string }).userMessage ?? error.message) : error);
  process.exitCode = 1;
} finally {
  await db().$disconnect();
}
