import { z } from "zod";
import { workspaceGetRoute } from "@/lib/actions/route";
import { getBillingSummary } from "@/lib/billing/get-billing-summary";

// GET: the current month's live cost, balance, budget and breakdowns; the billing page polls it.
export const GET = workspaceGetRoute("billing.read", z.object({}), (context) => getBillingSummary(context));
