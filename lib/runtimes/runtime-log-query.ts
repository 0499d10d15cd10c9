import { z } from "zod";
import { MAX_TAIL_LINES } from "@/lib/runtimes/runtime-log-choices";
import { runtimeName } from "@/lib/runtimes/runtime-input";

// What a log request may ask for, parsed from the query string of the logs route. The
// page builds the same query (components/runtimes/logs) from runtime-log-choices.ts.

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
