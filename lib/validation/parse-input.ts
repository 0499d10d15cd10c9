import type { z } from "zod";
import { AppError, type FieldErrors } from "@/lib/errors/app-error";

// Parses input with its schema, or throws INVALID_INPUT naming each field and its rule.
// Shared by the server actions and route handlers (lib/actions/) and the REST API (lib/api/).

export function parseInput<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  const value = raw instanceof FormData ? Object.fromEntries(raw) : raw;
  const parsed = schema.safeParse(value);
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
