// What a plan prices, with the unit each price is quoted in (lib/billing/rating.ts divides by it).

export const PRICE_RESOURCES = [
  { resource: "CPU_CORE_HOUR", label: "CPU", unit: "per vCPU-hour" },
  { resource: "MEMORY_GIB_HOUR", label: "Memory", unit: "per GiB-hour" },
  { resource: "STORAGE_GIB_MONTH", label: "Storage", unit: "per GiB-month (730 hours)" },
  { resource: "ENDPOINT_HOUR", label: "Public endpoint", unit: "per endpoint-hour" },
  { resource: "EGRESS_GIB", label: "Network egress", unit: "per GiB sent" },
  { resource: "RUNTIME_CLASS_CORE_HOUR", label: "Runtime class surcharge", unit: "extra per vCPU-hour" },
] as const;

export type PriceResourceName = (typeof PRICE_RESOURCES)[number]["resource"];

export function priceResourceLabel(resource: string, runtimeClass = ""): string {
  const spec = PRICE_RESOURCES.find((r) => r.resource === resource);
  if (!spec) return resource;
  return runtimeClass ? `${spec.label} (${runtimeClass})` : spec.label;
}

export function priceUnit(resource: string): string {
  return PRICE_RESOURCES.find((r) => r.resource === resource)?.unit ?? "";
}
