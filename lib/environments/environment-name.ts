import { z } from "zod";
import { workspaceNamespaceName } from "@/lib/tenancy/kube-names";
import { ALL_ENVIRONMENTS, DEFAULT_ENVIRONMENT } from "@/lib/environments/environment-param";

// An environment's name (dev, staging, prod) is part of its namespace's name and of the
// console's URLs, so it is a DNS label that never changes; people rename its display name.

export { DEFAULT_ENVIRONMENT, ENVIRONMENT_PARAM, environmentOf } from "@/lib/environments/environment-param";

/**
 * Workspace slugs are at most 40 characters without "--", so `ws-<slug>--<env>` stays a
 * valid namespace name (63) and cannot collide with another workspace's namespace: the
 * first "--" always ends the slug.
 */
export const MAX_ENVIRONMENT_NAME = 63 - "ws-".length - 40 - "--".length;

/** At most this many environments per workspace, the default one included. */
export const MAX_ENVIRONMENTS = 10;

// "all" is the workspace-wide view in the console's URLs.
const RESERVED = new Set([DEFAULT_ENVIRONMENT, ALL_ENVIRONMENTS, "new"]);

export const environmentNameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(2, "Use at least 2 characters.")
  .max(MAX_ENVIRONMENT_NAME, `Use at most ${MAX_ENVIRONMENT_NAME} characters.`)
  .regex(/^[a-z0-9-]+$/, "Use only lowercase letters, digits and hyphens.")
  .regex(/^[a-z0-9].*[a-z0-9]$/, "Start and end with a letter or digit.")
  .refine((name) => !name.includes("--"), "Do not use two hyphens in a row.")
  .refine((name) => !RESERVED.has(name), "This name is reserved.");

export const environmentDisplayNameSchema = z
  .string()
  .trim()
  .min(1, "Enter a name.")
  .max(40, "Use at most 40 characters.");

/** Any existing environment's name, as it comes in a URL or a form (the default one too). */
export const environmentRefSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, "Choose an environment.")
  .max(MAX_ENVIRONMENT_NAME, "No such environment.");

/** The namespace of a workspace's environment: the default one keeps today's `ws-<slug>`. */
export function environmentNamespaceName(slug: string, environment: string): string {
  const base = workspaceNamespaceName(slug);
  return environment === DEFAULT_ENVIRONMENT ? base : `${base}--${environment}`;
}
