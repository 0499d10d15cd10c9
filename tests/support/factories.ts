import { randomBytes } from "node:crypto";
import { db } from "@/lib/db/client";

/** A user as the first sign-in leaves it: verified email, no workspace yet. */
export async function createUser(name = "Test User", options: { verified?: boolean } = {}) {
  const tag = randomBytes(4).toString("hex");
  return db().user.create({
    data: {
      name: `${name} ${tag}`,
      email: `${name.toLowerCase().replace(/\W+/g, ".")}.${tag}@canopy.test`,
      emailVerified: options.verified === false ? null : new Date(),
    },
  });
}

export function uniqueSlug(prefix = "team"): string {
  return `${prefix}-${randomBytes(4).toString("hex")}`;
}
