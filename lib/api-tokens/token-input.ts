import { z } from "zod";
import { ROLES } from "@/lib/authz/permissions";

// The one schema for a new API token, used by the settings form and the server alike. The
// longest expiry is the operator's (CANOPY_API_TOKEN_MAX_DAYS), checked in create-token.ts.

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
});

export const revokeApiTokenInput = z.object({ id: z.string().trim().min(1, "Name the token to revoke.") });

export type CreateApiToken = z.output<typeof createApiTokenInput>;
