import { parseQuantity } from "@/lib/kube/quantity";
import { GiB, MiB, formatBytes } from "@/lib/storage/size";

// What a volume may be: its size rule, access modes and volume modes. Free of zod, so that
// the volume form prices a typed size in the browser without zod's ~30 kB of JavaScript;
// the schemas (volume-input.ts) apply the same rule on the server.

export const VOLUME_SIZE_MIN = 1 * GiB;
export const VOLUME_SIZE_MAX = 1000 * GiB;

export const ACCESS_MODES = ["ReadWriteOnce", "ReadOnlyMany", "ReadWriteMany", "ReadWriteOncePod"] as const;
export type AccessMode = (typeof ACCESS_MODES)[number];

export const ACCESS_MODE_LABELS: Record<AccessMode, string> = {
  ReadWriteOnce: "ReadWriteOnce: read-write from one node",
  ReadOnlyMany: "ReadOnlyMany: read-only from many nodes",
  ReadWriteMany: "ReadWriteMany: read-write from many nodes",
  ReadWriteOncePod: "ReadWriteOncePod: read-write from a single pod",
};

export const VOLUME_MODES = ["Filesystem", "Block"] as const;
export type VolumeMode = (typeof VOLUME_MODES)[number];

export const VOLUME_MODE_LABELS: Record<VolumeMode, string> = {
  Filesystem: "Filesystem: a formatted directory (most applications)",
  Block: "Block: a raw block device (for software that manages its own disk)",
};

/**
 * A typed size as bytes, or why it is refused: a Kubernetes quantity from 1 GiB to 1000 GiB
 * in whole MiB ("10Gi", "1536Mi"; "2G" is not whole MiB and is refused with a hint).
 */
export function parseVolumeSize(input: string): { bytes: number } | { error: string } {
  const text = input.trim();
  if (text === "") return { error: "Enter a size, such as 10Gi." };
  if (/^\d+(\.\d+)?$/.test(text)) return { error: `Add a unit, such as ${text}Gi: a number alone counts bytes.` };
  let bytes: number;
  try {
    bytes = parseQuantity(text);
  } catch {
    return { error: `"${text}" is not a size. Use a number and a unit, such as 10Gi.` };
  }
  if (bytes < VOLUME_SIZE_MIN || bytes > VOLUME_SIZE_MAX) {
    return {
      error: `A volume must be between ${formatBytes(VOLUME_SIZE_MIN)} and ${formatBytes(VOLUME_SIZE_MAX)}; ${text} is ${formatBytes(bytes)}.`,
    };
  }
  if (!Number.isInteger(bytes / MiB)) return { error: "Use whole mebibytes, such as 1536Mi or 2Gi." };
  return { bytes };
}
