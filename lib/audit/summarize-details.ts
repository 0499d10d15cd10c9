// An audit event's details in one short line for tables: "key: value" pairs, nested values
// as compact JSON, long values and long lines shortened.

const MAX_VALUE = 60;

function shorten(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

export function summarizeDetails(details: Record<string, unknown>, max = 160): string {
  const parts = Object.entries(details)
    .filter(([, value]) => value !== undefined && value !== null && value !== "")
    .map(([key, value]) => {
      const text = typeof value === "string" ? value : JSON.stringify(value);
      return `${key}: ${shorten(text, MAX_VALUE)}`;
    });
  return shorten(parts.join(", "), max);
}
