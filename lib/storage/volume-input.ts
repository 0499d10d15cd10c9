import { z } from "zod";
import { ACCESS_MODES, VOLUME_MODES, parseVolumeSize } from "@/lib/storage/volume-spec";

// The one set of schemas for volumes (PersistentVolumeClaims), for the server's actions and
// routes; what a volume may be (sizes, modes) is volume-spec.ts, which the form in the
// browser uses without zod. Decisions:
// - Names are DNS-1123 labels of at most 40 characters that start with a letter, the
//   same rule as runtime names, so that every volume can be mounted by a runtime.
// - Sizes are Kubernetes quantities ("10Gi", "1536Mi", "1.5Gi"), from 1 GiB to
//   1000 GiB, in whole MiB. Decimal units are accepted when they come out at whole MiB
//   ("1048576Ki"), but "2G" (2,000,000,000 bytes) does not and is refused with a hint.
//   The server writes the canonical form back ("2Gi", "1536Mi").
// - Whether a storage class is allowed depends on the workspace's plan, so that check is
//   the domain's (create-volume.ts), not the schema's.

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

/** A size as a Kubernetes quantity, parsed to bytes (the rule: volume-spec.ts). */
export const volumeSize = z
  .string()
  .trim()
  .min(1, { message: "Enter a size, such as 10Gi.", abort: true })
  .transform((text, ctx) => {
    const size = parseVolumeSize(text);
    if ("bytes" in size) return size.bytes;
    ctx.addIssue({ code: "custom", message: size.error });
    return z.NEVER;
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
