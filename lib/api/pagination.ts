import { z } from "zod";
import { AppError } from "@/lib/errors/app-error";

// Cursor pagination for the REST API's lists: items in a stable order by a unique key, the
// cursor an opaque token naming the last key of the page (base64url), so pages do not shift
// when items are added or removed before the cursor. Lists are read whole (they are bounded
// by the workspace's quota) and cut here.

export const pageQuery = z.object({
  limit: z.coerce
    .number({ message: "Use a number from 1 to 100." })
    .int("Use a whole number.")
    .min(1, "Use a number from 1 to 100.")
    .max(100, "Use a number from 1 to 100.")
    .default(50),
  cursor: z.string().max(512, "That is not a cursor from this API.").optional(),
});

export type PageQuery = z.output<typeof pageQuery>;

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    /** Pass as `cursor` for the next page; null on the last page. */
    nextCursor: z.string().nullable(),
  });
}

export function paginate<T>(
  items: T[],
  keyOf: (item: T) => string,
  { limit, cursor }: PageQuery,
): { items: T[]; nextCursor: string | null } {
  const sorted = [...items].sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0));
  let after: string | null = null;
  if (cursor !== undefined) {
    const decoded = Buffer.from(cursor, "base64url").toString("utf8");
    if (!decoded.startsWith("k:") || Buffer.from(decoded, "utf8").toString("base64url") !== cursor) {
      throw AppError.invalid("cursor", "That is not a cursor from this API.");
    }
    after = decoded.slice(2);
  }
  const rest = after === null ? sorted : sorted.filter((item) => keyOf(item) > after);
  const page = rest.slice(0, limit);
  const last = page[page.length - 1];
  const nextCursor = rest.length > limit && last ? Buffer.from(`k:${keyOf(last)}`, "utf8").toString("base64url") : null;
  return { items: page, nextCursor };
}
