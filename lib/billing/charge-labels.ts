import type { ChargeResource } from "@/lib/billing/rating";

// How charges are named on the billing pages, statements and exports. Pure, so the browser's
// chart and the server's tables use the same words.

export const RESOURCE_LABELS: Record<ChargeResource, string> = {
  CPU: "CPU",
  MEMORY: "Memory",
  STORAGE: "Storage",
  ENDPOINT: "Public endpoints",
  RUNTIME_CLASS: "Runtime class surcharge",
  EGRESS: "Network egress",
};
export const CHARGE_RESOURCES = Object.keys(RESOURCE_LABELS) as ChargeResource[];

/** A usage quantity in words: quantity-minutes of the resource's unit. */
export function describeQuantity(resource: ChargeResource, quantityMinutes: bigint): string {
  const hours = Number(quantityMinutes) / 60;
  const fmt = (n: number) => (n >= 100 ? n.toFixed(0) : n >= 1 ? n.toFixed(2) : n.toPrecision(2));
  switch (resource) {
    case "CPU":
    case "RUNTIME_CLASS":
      return `${fmt(hours / 1000)} vCPU-hours`;
    case "MEMORY":
      return `${fmt(hours / 2 ** 30)} GiB-hours`;
    case "STORAGE":
      return `${fmt(hours / 2 ** 30)} GiB-hours`;
    case "ENDPOINT":
      return `${fmt(hours)} endpoint-hours`;
    case "EGRESS":
      return `${fmt(Number(quantityMinutes) / 2 ** 30)} GiB sent`;
  }
}

export function subjectLabel(kind: "RUNTIME" | "VOLUME", name: string): string {
  return kind === "VOLUME" ? `volume ${name}` : name;
}
