import { PrismaAdapter } from "@auth/prisma-adapter";
import type { Adapter } from "next-auth/adapters";
import { describe, expect, it } from "vitest";
import { sessionAdapter } from "@/lib/auth/session-adapter";
import { db } from "@/lib/db/client";
import { createSession } from "../../support/session";
import { createUser } from "../../support/factories";

describe("the session lookup", () => {
  it("answers exactly as the Prisma adapter does", async () => {
    const user = await createUser("Session");
    const { sessionToken } = await createSession(user.id, "http://localhost:3000");
    const prisma = PrismaAdapter(db() as never) as unknown as Adapter;
    const ours = await sessionAdapter().getSessionAndUser!(sessionToken);
    expect(ours).toEqual(await prisma.getSessionAndUser!(sessionToken));
    expect(ours?.user.id).toBe(user.id);
    expect(await sessionAdapter().getSessionAndUser!("no-such-token")).toBeNull();
  });

  it("finds no session for a disabled user (one made in the instant of disabling)", async () => {
    const user = await createUser("Disabled");
    const { sessionToken } = await createSession(user.id, "http://localhost:3000");
    expect((await sessionAdapter().getSessionAndUser!(sessionToken))?.user.id).toBe(user.id);
    await db().user.update({ where: { id: user.id }, data: { disabledAt: new Date() } });
    expect(await sessionAdapter().getSessionAndUser!(sessionToken)).toBeNull();
  });
});
