import { describe, expect, it } from "vitest";
import { authorizePlatform } from "@/lib/authz/platform-guard";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import {
  grantPlatformAdmin,
  grantPlatformAdminInput,
  listPlatformAdmins,
  revokePlatformAdmin,
} from "@/lib/platform/platform-admins";
import { createPlatformAdmin, createUser } from "../../support/factories";

// Administrators grant and revoke the role in the console; the platform never loses its last
// active administrator. The suites run one file at a time, so the "last administrator" case
// may revoke every other administrator of the test database first.

async function adminContext() {
  const admin = await createPlatformAdmin();
  return authorizePlatform({ userId: admin.id }, "platform.admins.write");
}

describe("platform administrators", () => {
  it("grants the role to a signed-in user by address and revokes it, auditing both", async () => {
    const context = await adminContext();
    const user = await createUser("Colleague");
    await expect(authorizePlatform({ userId: user.id }, "platform.read")).rejects.toMatchObject({ code: "NOT_FOUND" });

    await grantPlatformAdmin(context, grantPlatformAdminInput.parse({ email: user.email!.toUpperCase() }));
    await expect(authorizePlatform({ userId: user.id }, "platform.read")).resolves.toBeDefined();
    expect((await listPlatformAdmins()).map((a) => a.userId)).toContain(user.id);

    await revokePlatformAdmin(context, { userId: user.id });
    await expect(authorizePlatform({ userId: user.id }, "platform.read")).rejects.toMatchObject({ code: "NOT_FOUND" });
    const events = await db().platformAuditEvent.findMany({
      where: { targetId: user.id, outcome: "SUCCESS" },
      orderBy: { id: "asc" },
    });
    expect(events.map((e) => [e.action, e.actorId])).toEqual([
      ["platform.admin.grant", context.actor.userId],
      ["platform.admin.revoke", context.actor.userId],
    ]);
  });

  it("names the field when no one has signed in with the address, or they are already an administrator", async () => {
    const context = await adminContext();
    const error = await grantPlatformAdmin(context, { email: "nobody.here@canopy.test" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).fieldErrors?.email).toEqual(["No one has signed in with this address yet."]);
    const other = await createPlatformAdmin();
    await expect(grantPlatformAdmin(context, { email: other.email! })).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("never revokes the last active administrator", async () => {
    const context = await adminContext();
    const second = await createPlatformAdmin();
    const others = await db().platformAdmin.findMany({
      where: { revokedAt: null, userId: { notIn: [context.actor.userId, second.id] } },
      select: { userId: true },
    });
    const otherIds = others.map((o) => o.userId);
    await db().platformAdmin.updateMany({ where: { userId: { in: otherIds } }, data: { revokedAt: new Date() } });
    try {
      // Positive control: with two, one may go.
      await revokePlatformAdmin(context, { userId: second.id });
      const error = await revokePlatformAdmin(context, { userId: context.actor.userId }).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: "CONFLICT" });
      expect((error as AppError).userMessage).toMatch(/at least one active administrator/);
      await expect(authorizePlatform(context.actor, "platform.read")).resolves.toBeDefined();
    } finally {
      // Others (the browser tests' operator) keep their role in a database that outlives this run.
      await db().platformAdmin.updateMany({ where: { userId: { in: otherIds } }, data: { revokedAt: null } });
    }
  });
});
