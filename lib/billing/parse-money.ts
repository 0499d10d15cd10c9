import { MICROS_PER_UNIT, type Micros } from "@/lib/billing/money";

/** Parses an amount typed by a person ("25", "12.5", "0.000001") to micro-units; null if malformed. */
export function parseMoney(text: string): Micros | null {
  const match = /^\s*(\d{1,12})(?:\.(\d{0,6}))?\s*$/.exec(text.replace(/[$,]/g, ""));
  if (!match) return null;
  return BigInt(match[1]!) * MICROS_PER_UNIT + BigInt((match[2] ?? "").padEnd(6, "0"));
}

/** Micro-units as a plain decimal for an input field or a CSV cell ("12.500000" → "12.5"). */
export function microsToDecimal(micros: Micros): string {
  const negative = micros < 0n;
  const magnitude = negative ? -micros : micros;
  const whole = magnitude / MICROS_PER_UNIT;
  const fraction = (magnitude % MICROS_PER_UNIT).toString().padStart(6, "0").replace(/0+$/, "");
  return `${negative ? "-" : ""}${whole}${fraction ? `.${fraction}` : ""}`;
}
