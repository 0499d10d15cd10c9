import type { z } from "zod";
import type { createRuntimeInput, RuntimeSpec } from "@/lib/runtimes/runtime-input";

// The runtime form's own model: what the inputs hold (text, one row per variable, port or
// volume) and its translation to the shared schema's input. Pure, so the browser and the
// server use the same code; free of anything that talks to the cluster, and of zod's code
// (types only: the schemas, runtime-input.ts, would add some 30 kB to the form's page).

export interface EnvRow {
  name: string;
  value: string;
  secret: boolean;
}

export interface VolumeRow {
  claimName: string;
  mountPath: string;
}

export interface RuntimeFormValues {
  name: string;
  image: string;
  /** One argument per line. */
  command: string;
  args: string;
  env: EnvRow[];
  ports: string[];
  cpu: string;
  memory: string;
  replicas: string;
  runtimeClass: string;
  publicEndpoint: { hostPrefix: string; port: string } | null;
  volumes: VolumeRow[];
}

export type RuntimeInput = z.input<typeof createRuntimeInput>;

export function emptyRuntimeForm(runtimeClass: string): RuntimeFormValues {
  return {
    name: "",
    image: "",
    command: "",
    args: "",
    env: [],
    ports: [],
    cpu: "250m",
    memory: "256Mi",
    replicas: "1",
    runtimeClass,
    publicEndpoint: null,
    volumes: [],
  };
}

function lines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trimEnd())
    .filter((line) => line.trim() !== "");
}

/** The schema's input; numbers stay text so the schema's messages name what is wrong. */
export function toRuntimeInput(values: RuntimeFormValues): RuntimeInput {
  return {
    name: values.name,
    image: values.image,
    command: lines(values.command),
    args: lines(values.args),
    env: values.env,
    ports: values.ports.map((port) => ({ port: port.trim() })),
    cpu: values.cpu,
    memory: values.memory,
    replicas: values.replicas.trim(),
    runtimeClass: values.runtimeClass,
    publicEndpoint: values.publicEndpoint
      ? { hostPrefix: values.publicEndpoint.hostPrefix, port: values.publicEndpoint.port }
      : null,
    volumes: values.volumes,
  };
}

export function cpuText(millis: number): string {
  return millis % 1000 === 0 ? String(millis / 1000) : `${millis}m`;
}

export function memoryText(mib: number): string {
  return mib % 1024 === 0 ? `${mib / 1024}Gi` : `${mib}Mi`;
}

/** A runtime's current spec as form values; secret values are blank ("keep"). */
export function runtimeFormValues(name: string, spec: RuntimeSpec): RuntimeFormValues {
  return {
    name,
    image: spec.image,
    command: spec.command.join("\n"),
    args: spec.args.join("\n"),
    env: spec.env.map((variable) => ({ ...variable, value: variable.secret ? "" : variable.value })),
    ports: spec.ports.map(({ port }) => String(port)),
    cpu: cpuText(spec.cpu),
    memory: memoryText(spec.memory),
    replicas: String(spec.replicas),
    runtimeClass: spec.runtimeClass,
    publicEndpoint: spec.publicEndpoint
      ? { hostPrefix: spec.publicEndpoint.hostPrefix, port: String(spec.publicEndpoint.port) }
      : null,
    volumes: spec.volumes,
  };
}
