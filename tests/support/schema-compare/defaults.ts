// Column defaults in one canonical spelling: what schema.prisma says and what PostgreSQL
// prints (pg_get_expr) are reduced to the same text, and compared by type where the
// spelling may differ (numbers, timestamps, JSON).

export const ANY_DEFAULT = "<dbgenerated(): any database default>";

// Strips a trailing `::type` cast such as ::text, ::"Role", ::timestamp(3) without time zone, ::text[].
const CAST = /::(?:"[^"]+"|[a-z_][a-z0-9_ ]*?(?:\(\d+(?:,\s*\d+)?\))?(?: with(?:out)? time zone)?)(?:\[\])*$/i;

function stripCasts(expr: string): string {
  let e = expr.trim();
  for (;;) {
    const next = e.replace(CAST, "").trim();
    const unwrapped = /^\((.*)\)$/s.exec(next);
    const result = unwrapped && balanced(unwrapped[1]!) ? unwrapped[1]!.trim() : next;
    if (result === e) return e;
    e = result;
  }
}

function balanced(s: string): boolean {
  let depth = 0;
  for (const ch of s) {
    depth += ch === "(" ? 1 : ch === ")" ? -1 : 0;
    if (depth < 0) return false;
  }
  return depth === 0;
}

function splitTopLevel(list: string): string[] {
  const items: string[] = [];
  let depth = 0;
  let quoted = false;
  let current = "";
  for (const ch of list) {
    if (ch === "'") quoted = !quoted;
    if (!quoted && (ch === "(" || ch === "[")) depth++;
    if (!quoted && (ch === ")" || ch === "]")) depth--;
    if (!quoted && depth === 0 && ch === ",") {
      items.push(current.trim());
      current = "";
    } else current += ch;
  }
  if (current.trim()) items.push(current.trim());
  return items;
}

/** A default expression as PostgreSQL prints it (pg_get_expr), reduced to the canonical form used above. */
export function canonicalDefault(expr: string): string {
  if (/^nextval\(/i.test(expr.trim())) return "autoincrement()";
  const e = stripCasts(expr);
  if (/^(now\(\)|current_timestamp(\(\d+\))?)$/i.test(e)) return "now()";
  const array = /^ARRAY\[(.*)\]$/is.exec(e);
  if (array) return `[${splitTopLevel(array[1]!).map(canonicalDefault).join(", ")}]`;
  const literal = /^E?'((?:[^']|'')*)'$/s.exec(e);
  if (literal) return literal[1]!.replaceAll("''", "'");
  return e.replace(/\s+/g, " ");
}

function timestamp(value: string): number {
  const m = /^(\d{4}-\d{2}-\d{2})(?:[ T](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?))?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i.exec(
    value,
  );
  if (!m) return NaN;
  let zone = m[3] ?? "Z";
  if (/^[+-]\d{2}$/.test(zone)) zone += ":00";
  return Date.parse(`${m[1]}T${m[2] ?? "00:00:00"}${zone}`);
}

export function sameDefault(type: string, expected: string | null, actual: string | null): boolean {
  if (expected === actual || (expected === ANY_DEFAULT && actual !== null)) return true;
  if (expected === null || actual === null || type.endsWith("[]")) return false;
  if (/^(smallint|integer|bigint|real|double precision|numeric|money)/.test(type)) {
    return Number(expected) === Number(actual) && expected.trim() !== "";
  }
  if (/^(timestamp|date)/.test(type)) {
    const [a, b] = [timestamp(expected), timestamp(actual)];
    return !Number.isNaN(a) && a === b;
  }
  if (/^jsonb?$/.test(type)) {
    try {
      return JSON.stringify(JSON.parse(expected)) === JSON.stringify(JSON.parse(actual));
    } catch {
      return false;
    }
  }
  return false;
}
