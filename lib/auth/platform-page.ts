import "server-only";
import { cache } from "react";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireSession } from "@/lib/auth/session";
import type { PlatformContext } from "@/lib/authz/context";
import { authorizePlatform } from "@/lib/authz/platform-guard";
import type { PlatformPermission } from "@/lib/authz/platform-permissions";
import { AppError } from "@/lib/errors/app-error";

/**
 * The operator console's page guard: signed in (else the sign-in page), then the platform
 * guard; anyone who is not a platform administrator gets the 404 page. Read once per request.
 */
export const platformPage = cache(
  async (permission: PlatformPermission = "platform.read"): Promise<PlatformContext> => {
    const session = await requireSession();
    try {
      return await authorizePlatform({ userId: session.user.id }, permission);
    } catch (error) {
      if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
      throw error;
    }
  },
);

/**
 * An operator console page's metadata, given only once the guard has passed: Next resolves
 * metadata beside the layout, so a static title would name the console on a stranger's 404.
 */
export function platformMetadata(title: string): () => Promise<Metadata> {
  return async () => {
    await platformPage("platform.read");
    return { title };
  };
}
