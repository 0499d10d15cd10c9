import { AppError } from "@/lib/errors/app-error";

// The operator's workspace list pages by keyset: a cursor is the sort, the last row's sort
// value and its id, as base64url JSON. Opaque to the browser; a cursor made for another sort,
// or not one at all, is refused naming the field.

export type WorkspaceSort = "created" | "name" | "slug";

export function encodeWorkspaceCursor(sort: WorkspaceSort, value: string, id: string): string {
  return Buffer.from(JSON.stringify([sort, value, id]), "utf8").toString("base64url");
}

export function decodeWorkspaceCursor(
  cursor: string | undefined,
  sort: WorkspaceSort,
): { typed: string | Date; id: string } | null {
  if (!cursor) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    parsed = null;
  }
  if (
    !Array.isArray(parsed) ||
    parsed.length !== 3 ||
    parsed[0] !== sort ||
    parsed.some((p) => typeof p !== "string")
  ) {
    throw AppError.invalid("after", "That page link is not valid for this sort; start again from the first page.");
  }
  const [, value, id] = parsed as [string, string, string];
  if (sort !== "created") return { typed: value, id };
  const at = new Date(value);
  if (Number.isNaN(at.getTime()))
    throw AppError.invalid("after", "That page link is not valid; start again from the first page.");
  return { typed: at, id };
}
