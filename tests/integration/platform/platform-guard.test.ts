import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { authorizePlatform, isPlatformAdmin } from "@/lib/authz/platform-guard";
import { PLATFORM_PERMISSIONS, type PlatformPermission } from "@/lib/authz/platform-permissions";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { createPlatformAdmin, createUser, teamWorkspace } from "../../support/factories";

// The platform guard: administrators pass for every platform permission; a signed-in user who
// is not one (a workspace owner included), a revoked or a disabled administrator is told "not
// found", and each refusal is in the platform audit log. The bootstrap list grants the role
// only to verified addresses, and only once.

const bootstrapEmail = `root.${randomBytes(4).toString("hex")}@canopy.test`;
const unverifiedEmail = `unverified.${randomBytes(4).toString("hex")}@canopy.test`;
const revokedEmail = `revoked.${randomBytes(4).toString("hex")}@canopy.test`;
// Read by lib/config/env.ts on first use, which no import of this file makes.
process.env.CANOPY_PLATFORM_ADMIN_EMAILS = ` ${bootstrapEmail.toUpperCase()}, ${unverifiedEmail},${revokedEmail} `;

const permissions = Object.keys(PLATFORM_PERMISSIONS) as PlatformPermission[];

async function refusal(userId: string, permission: PlatformPermission): Promise<AppError> {
  const error = await authorizePlatform({ userId, clientAddress: "192.0.2.7" }, permission).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

function deniedEvents(userId: string) {
  return db().platformAuditEvent.findMany({ where: { actorId: userId, outcome: "DENIED" }, orderBy: { id: "asc" } });
}

describe("the platform guard", () => {
  it("lets an administrator through for every platform permission", async () => {
    const admin = await createPlatformAdmin();
    for (const permission of permissions) {
      const context = await authorizePlatform({ userId: admin.id }, permission);
      expect(context.admin.userId).toBe(admin.id);
    }
    expect(await isPlatformAdmin(admin.id)).toBe(true);
    expect(await deniedEvents(admin.id)).toEqual([]);
  });

  it("tells a workspace owner who is not an administrator that nothing is there, and audits it", async () => {
    const { owner } = await teamWorkspace({ prefix: "pg" });
    for (const permission of permissions) {
      const error = await refusal(owner.id, permission);
      expect(error.code).toBe("NOT_FOUND");
      expect(error.status).toBe(404);
    }
    const events = await deniedEvents(owner.id);
    expect(events.map((e) => e.action)).toEqual(permissions);
    expect(events[0]).toMatchObject({
      clientAddress: "192.0.2.7",
      details: { reason: "not a platform administrator" },
    });
    expect(await isPlatformAdmin(owner.id)).toBe(false);
  });

  it("refuses a disabled administrator and a revoked one", async () => {
    const disabled = await createPlatformAdmin();
    await db().user.update({ where: { id: disabled.id }, data: { disabledAt: new Date() } });
    expect((await refusal(disabled.id, "platform.read")).code).toBe("NOT_FOUND");
    expect((await deniedEvents(disabled.id))[0]?.details).toEqual({ reason: "user disabled" });

    const revoked = await createPlatformAdmin();
    await db().platformAdmin.update({ where: { userId: revoked.id }, data: { revokedAt: new Date() } });
    expect((await refusal(revoked.id, "platform.read")).code).toBe("NOT_FOUND");
  });

  it("makes a verified address from CANOPY_PLATFORM_ADMIN_EMAILS an administrator, once", async () => {
    const root = await db().user.create({ data: { name: "Root", email: bootstrapEmail, emailVerified: new Date() } });
    await expect(authorizePlatform({ userId: root.id }, "platform.admins.write")).resolves.toMatchObject({
      admin: { userId: root.id },
    });
    expect(await db().platformAdmin.findUnique({ where: { userId: root.id } })).toMatchObject({
      source: "CONFIG",
      revokedAt: null,
    });
    await authorizePlatform({ userId: root.id }, "platform.read");
    const grants = await db().platformAuditEvent.findMany({
      where: { action: "platform.admin.bootstrap", targetId: root.id },
    });
    expect(grants).toHaveLength(1);
  });

  it("does not bootstrap an unverified address, nor one whose role an administrator revoked", async () => {
    const unverified = await db().user.create({ data: { name: "Unverified", email: unverifiedEmail } });
    expect((await refusal(unverified.id, "platform.read")).code).toBe("NOT_FOUND");
    expect(await db().platformAdmin.findUnique({ where: { userId: unverified.id } })).toBeNull();

    const revoked = await db().user.create({
      data: { name: "Revoked", email: revokedEmail, emailVerified: new Date() },
    });
    await authorizePlatform({ userId: revoked.id }, "platform.read");
    await db().platformAdmin.update({ where: { userId: revoked.id }, data: { revokedAt: new Date() } });
    expect((await refusal(revoked.id, "platform.read")).code).toBe("NOT_FOUND");
    expect((await deniedEvents(revoked.id)).at(-1)?.details).toEqual({ reason: "administrator role revoked" });
  });

  it("refuses a user with no verified address in the list (positive control for the bootstrap)", async () => {
    const someone = await createUser("Someone");
    expect((await refusal(someone.id, "platform.read")).code).toBe("NOT_FOUND");
  });
});
