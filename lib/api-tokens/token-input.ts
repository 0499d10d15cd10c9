import { z } from "zod";
import { ROLES } from "@/lib/authz/permissions";
import { environmentRefSchema } from "@/lib/environments/environment-name";

// The one schema for a new API token, used by the settings form and the server alike. The
// longest expiry is the operator's (CANOPY_API_TOKEN_MAX_DAYS), checked in create-token.ts.
// A token may be scoped to one environment (docs/decisions/011-api-token-format.md).

export const createApiTokenInput = z.object({
  name: z
    .string()
    .trim()
    .min(1, "Enter a name, such as the pipeline that will use it.")
    .max(64, "Use at most 64 characters."),
  role: z.enum(ROLES, { message: "Choose a role." }),
  expiresInDays: z.coerce
    .number({ message: "Enter a number of days." })
    .int("Use a whole number of days.")
    .min(1, "A token lasts at least 1 day."),
  /** One environment the token is limited to; blank for the whole workspace. */
  environment: z
    .union([z.literal(""), environmentRefSchema])
    .optional()
    .transform((value) => value || undefined),
});

export const revokeApiTokenInput = z.object({ id: z.string().trim().min(1, "Name the token to revoke.") });

export type CreateApiToken = Omit<z.output<typeof createApiTokenInput>, "environment"> & { environment?: string };
