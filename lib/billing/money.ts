// The one money type: an integer number of micro-units (millionths) of the portal's one
// currency, as a bigint, from the price table to the statement. Never a float.

export type Micros = bigint;

export const MICROS_PER_UNIT = 1_000_000n;

/** Divides and rounds half away from zero, for the single rounding a charge gets. */
export function divideRounded(numerator: bigint, denominator: bigint): bigint {
  if (denominator <= 0n) throw new RangeError("denominator must be positive");
  const negative = numerator < 0n;
  const magnitude = negative ? -numerator : numerator;
  const quotient = (magnitude * 2n + denominator) / (denominator * 2n);
  return negative ? -quotient : quotient;
}

export function sumMicros(values: Iterable<Micros>): Micros {
  let total = 0n;
  for (const value of values) total += value;
  return total;
}

/**
 * Formats micro-units for people: two decimals, or up to six for amounts under one
 * hundredth so that small running costs are not shown as zero.
 */
export function formatMoney(micros: Micros, currency = "USD"): string {
  const negative = micros < 0n;
  const magnitude = negative ? -micros : micros;
  let whole: bigint;
  let decimals: string;
  if (magnitude > 0n && magnitude < 10_000n) {
    whole = 0n;
    decimals = magnitude.toString().padStart(6, "0").replace(/0+$/, "").padEnd(2, "0");
  } else {
    const cents = divideRounded(magnitude, 10_000n);
    whole = cents / 100n;
    decimals = (cents % 100n).toString().padStart(2, "0");
  }
  const symbol = currency === "USD" ? "$" : currency === "EUR" ? "€" : `${currency} `;
  const grouped = whole.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${negative ? "−" : ""}${symbol}${grouped}.${decimals}`;
}

/** An amount as the pages and the JSON API carry it: exact micro-units as text, and for people. */
export interface Money {
  micros: string;
  text: string;
}

export function money(micros: Micros): Money {
  return { micros: micros.toString(), text: formatMoney(micros) };
}
