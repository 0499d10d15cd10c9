import type { EnvRow, RuntimeFormValues, VolumeRow } from "@/lib/runtimes/runtime-form";

// What the runtime form holds while it is being edited: the values of lib/runtimes/runtime-form
// with a stable key per row (so React keeps each row's input and focus), and how error paths
// ("env.2.name") map back to inputs and to words. Pure.

export type Keyed<T> = T & { key: number };

export interface FormState {
  name: string;
  image: string;
  command: string;
  args: string;
  env: Keyed<EnvRow>[];
  ports: Keyed<{ port: string }>[];
  cpu: string;
  memory: string;
  replicas: string;
  runtimeClass: string;
  publicEnabled: boolean;
  hostPrefix: string;
  hostPrefixEdited: boolean;
  endpointPort: string;
  volumes: Keyed<VolumeRow>[];
}

/** The repeatable rows of the form. */
export type RowList = "env" | "ports" | "volumes";
export type RowOf<L extends RowList> = FormState[L][number];

/** The top-level fields, in the words of "still needed: …". */
export const FIELD_LABELS: Record<string, string> = {
  name: "name",
  image: "image",
  command: "command",
  args: "arguments",
  env: "environment variables",
  ports: "ports",
  cpu: "CPU",
  memory: "memory",
  replicas: "replicas",
  runtimeClass: "runtime class",
  publicEndpoint: "public endpoint",
  volumes: "volumes",
};

let nextKey = 1;
export const keyed = <T extends object>(row: T): Keyed<T> => ({ ...row, key: nextKey++ });

export function stateOf(values: RuntimeFormValues): FormState {
  return {
    name: values.name,
    image: values.image,
    command: values.command,
    args: values.args,
    env: values.env.map(keyed),
    ports: values.ports.map((port) => keyed({ port })),
    cpu: values.cpu,
    memory: values.memory,
    replicas: values.replicas,
    runtimeClass: values.runtimeClass,
    publicEnabled: values.publicEndpoint !== null,
    hostPrefix: values.publicEndpoint?.hostPrefix ?? "",
    hostPrefixEdited: values.publicEndpoint !== null,
    endpointPort: values.publicEndpoint?.port ?? "",
    volumes: values.volumes.map(keyed),
  };
}

/** The ports typed so far that are numbers: the ones a public endpoint can forward to. */
export function portsOf(state: FormState): string[] {
  return state.ports.map((row) => row.port.trim()).filter((port) => /^\d+$/.test(port));
}

export function valuesOf(state: FormState): RuntimeFormValues {
  const ports = portsOf(state);
  const endpointPort = ports.includes(state.endpointPort) ? state.endpointPort : (ports[0] ?? "");
  return {
    name: state.name,
    image: state.image,
    command: state.command,
    args: state.args,
    env: state.env.map(({ name, value, secret }) => ({ name, value, secret })),
    ports: state.ports.map((row) => row.port),
    cpu: state.cpu,
    memory: state.memory,
    replicas: state.replicas,
    runtimeClass: state.runtimeClass,
    publicEndpoint: state.publicEnabled
      ? { hostPrefix: state.hostPrefixEdited ? state.hostPrefix : state.name, port: endpointPort }
      : null,
    volumes: state.volumes.map(({ claimName, mountPath }) => ({ claimName, mountPath })),
  };
}

/** The input an error path belongs to: arguments of a list share their textarea. */
export function fieldOf(path: string): string {
  const head = path.split(".")[0]!;
  return head === "command" || head === "args" ? head : path;
}

/** Where an error path points, in the form's words ("Variable 3 name"). */
export function describePath(path: string): string {
  const [head = "", second, leaf] = path.split(".");
  const n = Number(second) + 1;
  switch (head) {
    case "env":
      return second === undefined ? "Environment variables" : `Variable ${n} ${leaf === "value" ? "value" : "name"}`;
    case "ports":
      return second === undefined ? "Ports" : `Port ${n}`;
    case "volumes":
      return second === undefined ? "Volumes" : leaf === "mountPath" ? `Volume ${n} mount path` : `Volume ${n}`;
    case "publicEndpoint":
      return second === "hostPrefix" ? "Host name prefix" : second === "port" ? "Endpoint port" : "Public endpoint";
    case "command":
      return "Command";
    case "args":
      return "Arguments";
    case "runtimeClass":
      return "Runtime class";
    case "cpu":
      return "CPU";
    default:
      return head.charAt(0).toUpperCase() + head.slice(1);
  }
}

/** Every input path the form shows now: a problem there can take the keyboard to it. */
export function shownPaths(state: FormState, editing: boolean): Set<string> {
  return new Set<string>([
    "image",
    "command",
    "args",
    "env",
    "ports",
    "cpu",
    "memory",
    "replicas",
    "runtimeClass",
    "volumes",
    ...(editing ? [] : ["name"]),
    ...(state.publicEnabled ? ["publicEndpoint", "publicEndpoint.hostPrefix", "publicEndpoint.port"] : []),
    ...state.env.flatMap((_, i) => [`env.${i}.name`, `env.${i}.value`]),
    ...state.ports.map((_, i) => `ports.${i}.port`),
    ...state.volumes.flatMap((_, i) => [`volumes.${i}.claimName`, `volumes.${i}.mountPath`]),
  ]);
}
