import type { z } from "zod";
import { AppError, type FieldErrors } from "@/lib/errors/app-error";

// Parses input with its schema, or throws INVALID_INPUT naming each field and its rule.
// Shared by the server actions and route handlers (lib/actions/) and the REST API (lib/api/).
// A schema's own messages win; where it has none, a missing field or a value of the wrong
// type gets plain words instead of zod's defaults ("expected string, received undefined").

const plainWords: z.core.$ZodErrorMap = (issue) => {
  if (issue.code !== "invalid_type") return undefined;
  if (issue.input === undefined) return "This field is required.";
  if (issue.expected === "number" || issue.expected === "int") return "Enter a number.";
  return `Use a ${issue.expected} here.`;
};

export function parseInput<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  const value = raw instanceof FormData ? Object.fromEntries(raw) : raw;
  const parsed = schema.safeParse(value, { error: plainWords });
  if (!parsed.success) {
    // Keys are dotted paths ("env.2.name") so nested fields get their own message.
    const fieldErrors: FieldErrors = {};
    for (const issue of parsed.error.issues) {
      const key = issue.path.map(String).join(".") || "form";
      (fieldErrors[key] ??= []).push(issue.message);
    }
    throw new AppError("INVALID_INPUT", "Please correct the highlighted fields.", { fieldErrors });
  }
  return parsed.data;
}
