import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { transactionConnection } from "@/lib/db/transaction-connection";

// COPY through a Prisma transaction's own connection (lib/db/transaction-connection.ts): it
// commits and rolls back with the transaction, a failed statement undoes only itself, and
// once Prisma has ended the transaction (its timeout) nothing more is written, neither
// outside a transaction nor in another one.

const table = `transaction_connection_${randomBytes(4).toString("hex")}`;
const copy = `COPY ${table} (id, note) FROM STDIN`;
const stored = async () =>
  (await db().$queryRawUnsafe<{ id: number }[]>(`SELECT id FROM ${table} ORDER BY id`)).map((r) => r.id);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  await db().$executeRawUnsafe(`CREATE TABLE ${table} (id INT PRIMARY KEY, note TEXT)`);
});
afterAll(async () => {
  await db().$executeRawUnsafe(`DROP TABLE IF EXISTS ${table}`);
});

describe("a transaction's connection", () => {
  it("copies rows that commit with the transaction and roll back with it", async () => {
    await expect(
      db().$transaction(async (tx) => {
        expect(await (await transactionConnection(tx)).copyFrom(copy, "1\tone\n2\t\\N\n")).toBe(2);
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    expect(await stored()).toEqual([]);

    await db().$transaction(async (tx) => {
      const connection = await transactionConnection(tx);
      expect(await connection.copyFrom(copy, "1\tone\n2\t\\N\n")).toBe(2);
      // Prisma's statements and ours see each other: one transaction.
      expect(await tx.$queryRawUnsafe(`SELECT count(*)::int AS n FROM ${table}`)).toEqual([{ n: 2 }]);
      const [result] = await connection.query(`SELECT note FROM ${table} WHERE id = 1`);
      expect(result!.rows).toEqual([{ note: "one" }]);
    });
    expect(await stored()).toEqual([1, 2]);
    await db().$executeRawUnsafe(`TRUNCATE ${table}`);
  });

  it("undoes only a statement that failed, and the transaction goes on", async () => {
    await db().$transaction(async (tx) => {
      const connection = await transactionConnection(tx);
      await connection.copyFrom(copy, "1\tone\n");
      await expect(connection.copyFrom(copy, "2\ttwo\n1\tagain\n")).rejects.toMatchObject({ code: "23505" });
      await connection.copyFrom(copy, "3\tthree\n");
    });
    expect(await stored()).toEqual([1, 3]);
    await db().$executeRawUnsafe(`TRUNCATE ${table}`);
  });

  it("writes nothing once Prisma has ended the transaction", async () => {
    // Prisma's timeout: the connection is back in the pool when we come to use it.
    let late: Promise<number> | undefined;
    await expect(
      db().$transaction(
        async (tx) => {
          const connection = await transactionConnection(tx);
          await sleep(600);
          late = connection.copyFrom(copy, "1\tlate\n");
          await late.catch(() => undefined);
        },
        { timeout: 200 },
      ),
    ).rejects.toThrow();
    await expect(late).rejects.toThrow("the transaction ended");

    // A ROLLBACK ahead of our message (as Prisma's timeout queues it): the message finds no
    // transaction and does nothing, rather than commit on its own.
    await db().$transaction(async (tx) => {
      const connection = await transactionConnection(tx);
      await tx.$executeRawUnsafe("ROLLBACK");
      await expect(connection.copyFrom(copy, "2\tafter rollback\n")).rejects.toMatchObject({ code: "25P01" });
    });
    expect(await stored()).toEqual([]);
  });
});
