import { divideRounded, formatMoney, type Micros } from "@/lib/billing/money";

// What a volume of a given size costs, as the volume form shows it before anything is
// made: per hour (rounded once, as a bill rounds it) and about a month of such hours.
// Pure, so the form computes it as the size is typed.

const GIB = 1024n ** 3n;

export interface VolumePrice {
  /** The plan's storage price per GiB-month, in micro-units, as text (bigint over JSON). */
  gibMonthMicros: string;
  /** Hours in the price's month. */
  hoursPerMonth: number;
}

export function volumeCost(bytes: number, price: VolumePrice): { hourly: string; monthly: string } {
  const hours = BigInt(price.hoursPerMonth);
  const hourly: Micros = divideRounded(BigInt(bytes) * BigInt(price.gibMonthMicros), GIB * hours);
  return { hourly: formatMoney(hourly), monthly: formatMoney(hourly * hours) };
}
