import { z } from "zod";
import { parseQuantity } from "@/lib/kube/quantity";
import { GiB, MiB, formatBytes } from "@/lib/storage/size";

// The one set of schemas for volumes (PersistentVolumeClaims), shared by the forms and
// the server. Decisions:
// - Names are DNS-1123 labels of at most 40 characters that start with a letter, the
//   same rule as runtime names, so that every volume can be mounted by a runtime.
// - Sizes are Kubernetes quantities ("10Gi", "1536Mi", "1.5Gi"), from 1 GiB to
//   1000 GiB, in whole MiB. Decimal units are accepted when they come out at whole MiB
//   ("1048576Ki"), but "2G" (2,000,000,000 bytes) does not and is refused with a hint.
//   The server writes the canonical form back ("2Gi", "1536Mi").
// - Whether a storage class is allowed depends on the workspace's plan, so that check is
//   the domain's (create-volume.ts), not the schema's.

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

const NAME_RULE =
  "Use lowercase letters, digits and hyphens, starting with a letter and ending with a letter or digit.";

export const volumeName = z
  .string()
  .trim()
  .min(1, { message: "Enter a name.", abort: true })
  .max(40, "Use at most 40 characters.")
  .regex(/^[a-z]([-a-z0-9]*[a-z0-9])?$/, NAME_RULE);

/** An existing claim's name: any DNS-1123 subdomain, since a claim may have been made with kubectl. */
export const existingVolumeName = z
  .string()
  .trim()
  .min(1, { message: "Choose a volume.", abort: true })
  .max(253, "That is not a volume name.")
  .regex(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/, "That is not a volume name.");

/** A size as a Kubernetes quantity, parsed to bytes. */
export const volumeSize = z
  .string()
  .trim()
  .min(1, { message: "Enter a size, such as 10Gi.", abort: true })
  .transform((text, ctx) => {
    if (/^\d+(\.\d+)?$/.test(text)) {
      ctx.addIssue({ code: "custom", message: `Add a unit, such as ${text}Gi: a number alone counts bytes.` });
      return z.NEVER;
    }
    let bytes: number;
    try {
      bytes = parseQuantity(text);
    } catch {
      ctx.addIssue({ code: "custom", message: `"${text}" is not a size. Use a number and a unit, such as 10Gi.` });
      return z.NEVER;
    }
    if (bytes < VOLUME_SIZE_MIN || bytes > VOLUME_SIZE_MAX) {
      ctx.addIssue({
        code: "custom",
        message: `A volume must be between ${formatBytes(VOLUME_SIZE_MIN)} and ${formatBytes(VOLUME_SIZE_MAX)}; ${text} is ${formatBytes(bytes)}.`,
      });
      return z.NEVER;
    }
    if (!Number.isInteger(bytes / MiB)) {
      ctx.addIssue({ code: "custom", message: "Use whole mebibytes, such as 1536Mi or 2Gi." });
      return z.NEVER;
    }
    return bytes;
  });

export const createVolumeInput = z.object({
  name: volumeName,
  size: volumeSize,
  storageClass: z.string().trim().min(1, "Choose a storage class.").max(253, "That is not a storage class name."),
  accessMode: z.enum(ACCESS_MODES, { message: "Choose an access mode." }),
  volumeMode: z.enum(VOLUME_MODES, { message: "Choose Filesystem or Block." }).default("Filesystem"),
});

export const expandVolumeInput = z.object({ name: existingVolumeName, size: volumeSize });

/** Deleting destroys the data: the volume's name is typed to confirm, as for a runtime. */
export const deleteVolumeInput = z
  .object({ name: existingVolumeName, confirmName: z.string().trim() })
  .refine((input) => input.confirmName === input.name, {
    path: ["confirmName"],
    message: "Type the volume's name exactly to confirm.",
  });

export type CreateVolume = z.output<typeof createVolumeInput>;
export type ExpandVolume = z.output<typeof expandVolumeInput>;
export type DeleteVolume = { name: string };
