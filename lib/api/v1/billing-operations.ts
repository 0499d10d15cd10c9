import { z } from "zod";
import { defineOperation } from "@/lib/api/operation";
import { pageOf, pageQuery, paginate } from "@/lib/api/pagination";
import { listStatements } from "@/lib/billing/list-statements";

// Monthly statements through the REST API. Money is an integer number of micro-units, sent
// as a decimal string (JSON numbers cannot hold every such integer exactly).

export const statementResource = z
  .object({
    month: z
      .string()
      .regex(/^\d{4}-\d{2}$/)
      .describe("The statement's month (UTC), YYYY-MM."),
    totalMicros: z
      .string()
      .regex(/^-?\d+$/)
      .describe("The total in micro-units of the currency, as an integer string."),
    currency: z.literal("USD"),
    issuedAt: z.iso.datetime({ offset: true }),
  })
  .meta({ id: "Statement" });

export const listStatementsOperation = defineOperation({
  id: "listStatements",
  method: "GET",
  path: "/workspaces/{slug}/statements",
  summary: "The workspace's monthly statements, by month",
  tag: "Billing",
  permission: "billing.read",
  query: pageQuery,
  response: pageOf(statementResource).meta({ id: "StatementPage" }),
  status: 200,
  handle: async (context, query) => {
    const statements = (await listStatements(context)).map((s) => ({
      month: s.month.toISOString().slice(0, 7),
      totalMicros: s.totalMicros.toString(),
      currency: "USD" as const,
      issuedAt: s.issuedAt.toISOString(),
    }));
    return paginate(statements, (s) => s.month, query);
  },
});
