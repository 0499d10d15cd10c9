import { z } from "zod";
import { recordPlatformAudit } from "@/lib/audit/record-platform";
import type { PlatformContext } from "@/lib/authz/context";
import { parseMoney } from "@/lib/billing/parse-money";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { AppError } from "@/lib/errors/app-error";
import { HOUR_MS } from "@/lib/time/utc";
import { PRICE_RESOURCES } from "@/lib/plans/price-resources";

// Scheduling a plan's price: a new row in the price history, never an edit of an old one.
// It applies from a whole UTC hour in the future, so no hour already rated (rating prices an
// hour at the price in force at its start, and rates only hours that have ended) and no
// statement already issued can change. Money is integer micro-units.

const MAX_AHEAD_MS = 2 * 366 * 24 * HOUR_MS;
const LOCAL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?$/;
const ZONED = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

export const schedulePriceInput = z
  .object({
    planId: z.string().trim().min(1, "Choose a plan.").max(40),
    resource: z.enum(PRICE_RESOURCES.map((r) => r.resource) as [string, ...string[]], {
      error: "Choose what the price is for.",
    }),
    runtimeClass: z.string().trim().max(253).default(""),
    price: z.string({ error: "This field is required." }).transform((raw, ctx) => {
      const micros = parseMoney(raw);
      if (micros === null) {
        ctx.addIssue({ code: "custom", message: "Price must be an amount like 0.04 (at most 6 decimals)." });
        return z.NEVER;
      }
      return micros;
    }),
    effectiveFrom: z
      .string({ error: "This field is required." })
      .trim()
      .transform((raw, ctx) => {
        // A time without a zone (the form's datetime-local field) is UTC, as the form says.
        const text = LOCAL.test(raw) ? `${raw}Z` : raw;
        const at = ZONED.test(text) ? new Date(text) : null;
        if (!at || Number.isNaN(at.getTime())) {
          ctx.addIssue({ code: "custom", message: "Starts at must be a date and time, like 2027-01-01T00:00 (UTC)." });
          return z.NEVER;
        }
        if (at.getTime() % HOUR_MS !== 0) {
          ctx.addIssue({ code: "custom", message: "Starts at must be a whole hour (minutes and seconds 00, UTC)." });
          return z.NEVER;
        }
        return at;
      }),
  })
  .superRefine((input, ctx) => {
    const needsClass = input.resource === "RUNTIME_CLASS_CORE_HOUR";
    if (needsClass && !input.runtimeClass) {
      ctx.addIssue({
        code: "custom",
        path: ["runtimeClass"],
        message: "Name the runtime class this surcharge is for.",
      });
    }
    if (!needsClass && input.runtimeClass) {
      ctx.addIssue({
        code: "custom",
        path: ["runtimeClass"],
        message: "Only a runtime class surcharge names a runtime class.",
      });
    }
  });

export type SchedulePriceInput = z.output<typeof schedulePriceInput>;

export async function schedulePrice(
  context: PlatformContext,
  input: SchedulePriceInput,
  now: Date = new Date(),
): Promise<{ id: string }> {
  if (input.effectiveFrom.getTime() <= now.getTime()) {
    throw AppError.invalid(
      "effectiveFrom",
      "Starts at must be in the future: a price never changes hours already billed.",
    );
  }
  if (input.effectiveFrom.getTime() - now.getTime() > MAX_AHEAD_MS) {
    throw AppError.invalid("effectiveFrom", "Starts at must be within two years.");
  }
  const plan = await db().plan.findUnique({ where: { id: input.planId }, select: { id: true } });
  if (!plan) throw AppError.notFound("That plan");
  try {
    return await db().$transaction(async (tx) => {
      const row = await tx.price.create({
        data: {
          planId: input.planId,
          resource: input.resource as Prisma.PriceCreateInput["resource"],
          runtimeClass: input.runtimeClass,
          unitPriceMicros: input.price,
          effectiveFrom: input.effectiveFrom,
        },
        select: { id: true },
      });
      await recordPlatformAudit(
        {
          actor: context.actor,
          action: "platform.price.schedule",
          outcome: "SUCCESS",
          targetType: "plan",
          targetId: input.planId,
          details: {
            priceId: row.id,
            resource: input.resource,
            runtimeClass: input.runtimeClass,
            unitPriceMicros: input.price.toString(),
            effectiveFrom: input.effectiveFrom.toISOString(),
          },
        },
        tx,
      );
      return row;
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw AppError.invalid(
        "effectiveFrom",
        "A price for this resource already starts at that hour; choose another hour.",
      );
    }
    throw error;
  }
}
