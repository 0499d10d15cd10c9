import { createHash, randomUUID } from "node:crypto";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { AppError } from "@/lib/errors/app-error";
import { JSON_HEADERS } from "@/lib/api/errors";

// Idempotency keys on the REST API's creates: a client that did not hear the answer sends
// the same request again with the same Idempotency-Key header and gets the first answer back
// (marked Idempotent-Replayed: true) instead of a second object. Keys are per token, held by
// a unique index on (token, key): of two concurrent first requests one inserts the row and
// runs, the other is told it is in progress. A key only records a success; after a failure
// the row goes, so the request can be tried again with the same key. A secret the answer
// carries once (an invitation's link) is not kept: `replayable` removes it before the row is
// written, and a replay answers without it.

export const IDEMPOTENCY_HEADER = "idempotency-key";
/** How long a key is remembered; the worker's prune loop deletes older ones. */
export const IDEMPOTENCY_KEY_HOURS = 24;
const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

export interface ApiResult {
  status: number;
  body: unknown;
}

export function requestFingerprint(method: string, path: string, body: string): string {
  return createHash("sha256").update(`${method}\n${path}\n${body}`, "utf8").digest("hex");
}

/** Runs `create` once per (token, key); replays its stored result for a retry. */
export async function withIdempotencyKey(
  tokenId: string,
  key: string | null,
  fingerprint: string,
  create: () => Promise<ApiResult>,
  replayable: (body: never) => unknown = (body) => body,
): Promise<Response> {
  if (key === null) return respond(await create());
  if (!KEY_PATTERN.test(key)) {
    throw AppError.invalid("Idempotency-Key", "Use 1 to 255 printable ASCII characters, such as a UUID.");
  }
  const inserted = await db().$queryRaw<{ id: string }[]>`
    INSERT INTO api_idempotency_keys (id, token_id, key, request_hash)
    VALUES (${randomUUID()}, ${tokenId}, ${key}, ${fingerprint})
    ON CONFLICT (token_id, key) DO NOTHING
    RETURNING id`;
  const row = inserted[0];
  if (!row) return replay(tokenId, key, fingerprint);
  let result: ApiResult;
  try {
    result = await create();
  } catch (error) {
    await db().idempotencyKey.delete({ where: { id: row.id } });
    throw error;
  }
  await db().idempotencyKey.update({
    where: { id: row.id },
    data: { status: result.status, response: (replayable(result.body as never) ?? null) as Prisma.InputJsonValue },
  });
  return respond(result);
}

async function replay(tokenId: string, key: string, fingerprint: string): Promise<Response> {
  const stored = await db().idempotencyKey.findUnique({ where: { tokenId_key: { tokenId, key } } });
  if (!stored) throw new AppError("CONFLICT", "A request with this Idempotency-Key just failed. Try it again.");
  if (stored.requestHash !== fingerprint) {
    throw AppError.invalid("Idempotency-Key", "This key was already used for a different request. Use a new key.");
  }
  if (stored.status === null) {
    throw new AppError("CONFLICT", "A request with this Idempotency-Key is still in progress. Try again shortly.");
  }
  return respond({ status: stored.status, body: stored.response }, true);
}

function respond(result: ApiResult, replayed = false): Response {
  const headers: Record<string, string> = { ...JSON_HEADERS };
  if (replayed) headers["Idempotent-Replayed"] = "true";
  return Response.json(result.body, { status: result.status, headers });
}

/** Deletes keys older than IDEMPOTENCY_KEY_HOURS; returns how many. */
export async function pruneIdempotencyKeys(now = new Date()): Promise<number> {
  const before = new Date(now.getTime() - IDEMPOTENCY_KEY_HOURS * 3_600_000);
  return (await db().idempotencyKey.deleteMany({ where: { createdAt: { lt: before } } })).count;
}
