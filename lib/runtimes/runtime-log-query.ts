import { z } from "zod";
import { runtimeName } from "@/lib/runtimes/runtime-input";

// What a log request may ask for, parsed from the query string of the logs route. The
// page builds the same query (components/runtimes/logs), so its choices are these.

const NAME_RULE = "Use a Kubernetes object name: lowercase letters, digits, '-' and '.'.";
const objectName = z
  .string()
  .trim()
  .max(253, NAME_RULE)
  .regex(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/, NAME_RULE);

const flag = z
  .enum(["true", "false", "1", "0"], { message: "Use true or false." })
  .optional()
  .transform((value) => value === "true" || value === "1");

/** The tail-lines choices the page offers; any whole number in range is accepted. */
export const TAIL_LINE_CHOICES = [100, 1_000, 10_000] as const;
export const MAX_TAIL_LINES = 100_000;

/** The since choices the page offers, in seconds. */
export const SINCE_CHOICES = [
  { label: "Last 5 minutes", seconds: 300 },
  { label: "Last hour", seconds: 3_600 },
  { label: "Last 24 hours", seconds: 86_400 },
  { label: "Last 7 days", seconds: 7 * 86_400 },
] as const;

export const runtimeLogQuery = z
  .object({
    runtime: runtimeName,
    /** One pod of the runtime; without it, every pod's log, each line prefixed with its pod. */
    pod: objectName.optional(),
    container: objectName.optional(),
    follow: flag,
    previous: flag,
    timestamps: flag,
    /** Send the log as a file to save (never followed). */
    download: flag,
    tailLines: z.coerce
      .number({ message: "Enter a number of lines." })
      .int("Use a whole number of lines.")
      .min(1, "Ask for at least 1 line.")
      .max(MAX_TAIL_LINES, `Ask for at most ${MAX_TAIL_LINES.toLocaleString("en")} lines.`)
      .optional(),
    sinceSeconds: z.coerce
      .number({ message: "Enter a number of seconds." })
      .int("Use a whole number of seconds.")
      .min(1, "Go back at least 1 second.")
      .max(366 * 86_400, "Go back at most a year.")
      .optional(),
    sinceTime: z.iso
      .datetime({ offset: true, message: "Use a date and time such as 2026-01-31T12:00:00Z." })
      .optional(),
  })
  .refine((q) => q.sinceSeconds === undefined || q.sinceTime === undefined, {
    message: "Choose either a time to start from or a period, not both.",
    path: ["sinceTime"],
  });

export type RuntimeLogQuery = z.output<typeof runtimeLogQuery>;
