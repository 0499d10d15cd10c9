import type { PlanLimits } from "@/lib/tenancy/workspace-bundle";

// The quota keys a workspace may ask more of (and an operator may override): each names
// the plan's field it replaces, the ResourceQuota key it becomes, and how people write it.
// Amounts are integers in the plan's unit: millicores, MiB, GiB, or a count.

export type QuotaKey = "cpu" | "memory" | "storage" | "pods" | "volumes" | "services";

export type OverridableField = "cpuMillis" | "memoryMiB" | "storageGiB" | "maxPods" | "maxVolumes" | "maxServices";

export interface QuotaKeySpec {
  key: QuotaKey;
  label: string;
  field: OverridableField & keyof PlanLimits;
  /** The ResourceQuota key it sets ("requests.cpu"). */
  resource: string;
  /** How the form asks for it: the unit people type, and how many plan units one of them is. */
  inputUnit: string;
  inputScale: number;
  /** Decimals allowed in the form (CPU: 0.001 of a core is one millicore). */
  inputDecimals: number;
  /** The largest limit that may be asked for or granted, in plan units. */
  max: number;
}

export const QUOTA_KEYS: readonly QuotaKeySpec[] = [
  {
    key: "cpu",
    label: "CPU",
    field: "cpuMillis",
    resource: "requests.cpu",
    inputUnit: "cores",
    inputScale: 1000,
    inputDecimals: 3,
    max: 256_000,
  },
  {
    key: "memory",
    label: "Memory",
    field: "memoryMiB",
    resource: "requests.memory",
    inputUnit: "GiB",
    inputScale: 1024,
    inputDecimals: 0,
    max: 1024 * 1024,
  },
  {
    key: "storage",
    label: "Storage",
    field: "storageGiB",
    resource: "requests.storage",
    inputUnit: "GiB",
    inputScale: 1,
    inputDecimals: 0,
    max: 10_240,
  },
  {
    key: "pods",
    label: "Pods",
    field: "maxPods",
    resource: "pods",
    inputUnit: "pods",
    inputScale: 1,
    inputDecimals: 0,
    max: 1000,
  },
  {
    key: "volumes",
    label: "Volumes",
    field: "maxVolumes",
    resource: "persistentvolumeclaims",
    inputUnit: "volumes",
    inputScale: 1,
    inputDecimals: 0,
    max: 500,
  },
  {
    key: "services",
    label: "Services",
    field: "maxServices",
    resource: "services",
    inputUnit: "services",
    inputScale: 1,
    inputDecimals: 0,
    max: 500,
  },
];

const BY_KEY = new Map(QUOTA_KEYS.map((spec) => [spec.key, spec]));

export function quotaKeySpec(key: string): QuotaKeySpec {
  const spec = BY_KEY.get(key as QuotaKey);
  if (!spec) throw new Error(`unknown quota key "${key}"`);
  return spec;
}

export function isQuotaKey(key: string): key is QuotaKey {
  return BY_KEY.has(key as QuotaKey);
}

/** An amount in plan units as people read it: "2.5 cores", "8 GiB", "512 MiB", "40 pods". */
export function formatQuotaAmount(key: QuotaKey, amount: number): string {
  const spec = quotaKeySpec(key);
  if (key === "memory" && amount % 1024 !== 0) return `${amount} MiB`;
  const value = amount / spec.inputScale;
  if (key === "cpu") return `${value} ${value === 1 ? "core" : "cores"}`;
  if (spec.inputScale !== 1 || key === "storage") return `${value} ${spec.inputUnit}`;
  return `${value} ${value === 1 ? spec.inputUnit.replace(/s$/, "") : spec.inputUnit}`;
}

/** The amount as the form's input shows it ("2.5" for 2500 millicores). */
export function inputValue(key: QuotaKey, amount: number): string {
  return String(amount / quotaKeySpec(key).inputScale);
}

/**
 * Parses what someone typed into plan units, exactly (no floating point): a non-negative
 * decimal with at most the key's decimals. Returns an error naming the rule, or the amount.
 */
export function parseQuotaInput(key: QuotaKey, raw: string): { amount: number } | { error: string } {
  const spec = quotaKeySpec(key);
  const text = raw.trim();
  const pattern = spec.inputDecimals > 0 ? new RegExp(`^\\d{1,7}(\\.\\d{1,${spec.inputDecimals}})?$`) : /^\d{1,7}$/;
  if (!pattern.test(text)) {
    return {
      error:
        spec.inputDecimals > 0
          ? `${spec.label} must be a number of ${spec.inputUnit}, like 4 or 2.5 (at most ${spec.inputDecimals} decimals).`
          : `${spec.label} must be a whole number of ${spec.inputUnit}, like ${spec.key === "memory" ? 32 : 40}.`,
    };
  }
  const [whole, fraction = ""] = text.split(".");
  const scaleDigits = spec.inputDecimals;
  const amount =
    scaleDigits > 0
      ? Number(whole) * spec.inputScale + Number(fraction.padEnd(scaleDigits, "0"))
      : Number(whole) * spec.inputScale;
  if (amount < 1) return { error: `${spec.label} must be more than zero.` };
  if (amount > spec.max) return { error: `${spec.label} may be at most ${formatQuotaAmount(key, spec.max)}.` };
  return { amount };
}
