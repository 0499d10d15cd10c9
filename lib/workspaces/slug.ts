import { randomBytes } from "node:crypto";
import { z } from "zod";

// A workspace slug names the workspace in URLs and, prefixed, its namespace; it must
// stay a valid DNS label (63 characters) once prefixed.
const RESERVED = new Set(["new", "admin", "api", "system", "settings", "canopy", "default", "kube"]);

export const slugSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(3, "Use at least 3 characters.")
  .max(40, "Use at most 40 characters.")
  .regex(/^[a-z0-9-]+$/, "Use only lowercase letters, digits and hyphens.")
  .regex(/^[a-z0-9].*[a-z0-9]$/, "Start and end with a letter or digit.")
  .refine((slug) => !slug.includes("--"), "Do not use two hyphens in a row.")
  .refine((slug) => !RESERVED.has(slug), "This name is reserved.");

/** A personal workspace's slug: from the email's local part, with a random suffix. */
export function personalSlug(emailOrName: string): string {
  const base =
    emailOrName
      .split("@")[0]!
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 24) || "user";
  return `${base}-${randomBytes(3).toString("hex")}`;
}
