import { z } from "zod";
import { parseQuantity } from "@/lib/kube/quantity";

// The one schema for a runtime, used by the create/edit form and the server alike.
// Messages name the rule in plain words; paths name the field ("env.2.name").

export const DNS_LABEL_RULE =
  "Use lowercase letters, digits and hyphens, starting with a letter and ending with a letter or digit.";

export const runtimeName = z
  .string()
  .trim()
  .min(1, "Enter a name.")
  .max(40, "Use at most 40 characters.")
  .regex(/^[a-z]([-a-z0-9]*[a-z0-9])?$/, DNS_LABEL_RULE);

// Docker's reference grammar: [registry[:port]/]path[:tag][@digest].
const IMAGE_REFERENCE =
  /^(?:(?:[a-zA-Z0-9-]+(?:\.[a-zA-Z0-9-]+)+|localhost)(?::\d+)?\/)?[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*(?::[\w][\w.-]{0,127})?(?:@sha256:[a-f0-9]{64})?$/;

function quantity(what: string, unit: number, min: number, max: number, describe: (n: number) => string) {
  return z
    .string()
    .trim()
    .min(1, `Enter the ${what}.`)
    .transform((text, ctx) => {
      let value: number;
      try {
        value = parseQuantity(text);
      } catch {
        ctx.addIssue({ code: "custom", message: `"${text}" is not a ${what} amount.` });
        return z.NEVER;
      }
      const units = Math.round(value / unit);
      if (units < min || units > max) {
        ctx.addIssue({ code: "custom", message: `The ${what} must be between ${describe(min)} and ${describe(max)}.` });
        return z.NEVER;
      }
      return units;
    });
}

export const cpuMillis = quantity("CPU", 0.001, 10, 16_000, (m) => (m < 1000 ? `${m}m` : `${m / 1000} CPU`));
export const memoryMiB = quantity("memory", 2 ** 20, 16, 65_536, (mi) =>
  mi < 1024 ? `${mi} MiB` : `${mi / 1024} GiB`,
);

const envVar = z.object({
  name: z
    .string()
    .trim()
    .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "Use letters, digits and underscores, not starting with a digit."),
  value: z.string().max(32_768, "Values are limited to 32 KiB."),
  secret: z.boolean().default(false),
});

const port = z.coerce
  .number({ message: "Enter a port number." })
  .int("Use a whole number.")
  .min(1, "Ports go from 1 to 65535.")
  .max(65_535, "Ports go from 1 to 65535.");

const argumentList = z.array(z.string().max(4096, "Arguments are limited to 4 KiB.")).max(64).default([]);

export const runtimeSpecInput = z
  .object({
    image: z
      .string()
      .trim()
      .min(1, "Enter an image.")
      .max(255, "Use at most 255 characters.")
      .regex(IMAGE_REFERENCE, "Enter an image reference such as nginx:1.27 or ghcr.io/org/app:v2."),
    command: argumentList,
    args: argumentList,
    env: z.array(envVar).max(100, "Use at most 100 variables.").default([]),
    ports: z.array(z.object({ port })).max(10, "Use at most 10 ports.").default([]),
    cpu: cpuMillis,
    memory: memoryMiB,
    replicas: z.coerce.number().int("Use a whole number.").min(0, "Use 0 or more.").max(20, "Use at most 20 replicas."),
    runtimeClass: z.string().trim().min(1, "Choose a runtime class."),
    publicEndpoint: z.object({ hostPrefix: runtimeName, port }).nullable().default(null),
    volumes: z
      .array(
        z.object({
          claimName: runtimeName,
          mountPath: z
            .string()
            .trim()
            .max(255, "Use at most 255 characters.")
            .regex(/^\/[^:\0]*$/, "Use an absolute path such as /data."),
        }),
      )
      .max(10, "Use at most 10 volumes.")
      .default([]),
  })
  .superRefine((spec, ctx) => {
    const seen = new Map<string, number>();
    spec.env.forEach((variable, index) => {
      if (seen.has(variable.name)) {
        ctx.addIssue({ code: "custom", path: ["env", index, "name"], message: `${variable.name} is set twice.` });
      }
      seen.set(variable.name, index);
    });
    const ports = new Set<number>();
    spec.ports.forEach(({ port: p }, index) => {
      if (ports.has(p))
        ctx.addIssue({ code: "custom", path: ["ports", index, "port"], message: `Port ${p} is listed twice.` });
      ports.add(p);
    });
    if (spec.publicEndpoint && !ports.has(spec.publicEndpoint.port)) {
      ctx.addIssue({
        code: "custom",
        path: ["publicEndpoint", "port"],
        message: "The public endpoint must point at one of the runtime's ports.",
      });
    }
    const paths = new Set<string>();
    spec.volumes.forEach((volume, index) => {
      if (paths.has(volume.mountPath)) {
        ctx.addIssue({ code: "custom", path: ["volumes", index, "mountPath"], message: "Two volumes use this path." });
      }
      paths.add(volume.mountPath);
    });
  });

export const createRuntimeInput = runtimeSpecInput.and(z.object({ name: runtimeName }));

export type RuntimeSpec = z.output<typeof runtimeSpecInput>;
export type CreateRuntime = z.output<typeof createRuntimeInput>;

/** Preflight of the form: `editing` compares against the runtime as it runs now. */
export const preflightRuntimeInput = createRuntimeInput.and(z.object({ editing: z.boolean().default(false) }));

/** Deleting asks for the runtime's name to be typed; the server checks it too. */
export const deleteRuntimeInput = z
  .object({ name: runtimeName, confirmName: z.string().trim() })
  .refine((input) => input.confirmName === input.name, {
    path: ["confirmName"],
    message: "Type the runtime's name exactly to confirm.",
  });
