"use client";

import Link from "next/link";
import { useEffect, useRef, useState, useTransition } from "react";
import {
  createRuntimeAction,
  preflightRuntimeAction,
  updateRuntimeAction,
} from "@/app/(console)/w/[slug]/runtimes/actions";
import type { FieldErrors } from "@/lib/errors/app-error";
import { toRuntimeInput, type EnvRow, type RuntimeFormValues, type VolumeRow } from "@/lib/runtimes/runtime-form";
import { Field, SelectField } from "@/components/forms/field";
import { FormMessage } from "@/components/forms/form-message";
import {
  FieldsetCard,
  RemoveButton,
  RowGroup,
  RowInput,
  RowSelect,
  TextAreaField,
} from "@/components/runtimes/form-controls";
import { PreflightPanel, type PreflightView } from "@/components/runtimes/preflight-panel";

// The create and edit form of a runtime. Every edit schedules a preflight (debounced) on
// the server, which answers with field errors keyed by dotted path ("env.2.name"): each
// lands next to its input. Errors of fields the user has not reached yet stay quiet
// until "Check" or submit.

const PREFLIGHT_DELAY_MS = 600;

type Keyed<T> = T & { key: number };

interface FormState {
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

const FIELD_LABELS: Record<string, string> = {
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
const keyed = <T extends object>(row: T): Keyed<T> => ({ ...row, key: nextKey++ });

function stateOf(values: RuntimeFormValues): FormState {
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

function portsOf(state: FormState): string[] {
  return state.ports.map((row) => row.port.trim()).filter((port) => /^\d+$/.test(port));
}

function valuesOf(state: FormState): RuntimeFormValues {
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
function fieldOf(path: string): string {
  const head = path.split(".")[0]!;
  return head === "command" || head === "args" ? head : path;
}

/** Where an error path points, in the form's words ("Variable 3 name"). */
function describePath(path: string): string {
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

export function RuntimeForm({
  slug,
  mode,
  initial,
  runtimeClasses,
  defaultRuntimeClass,
  volumes,
  baseDomain,
}: {
  slug: string;
  mode: "create" | "edit";
  initial: RuntimeFormValues;
  runtimeClasses: string[];
  defaultRuntimeClass: string;
  volumes: { name: string; status: string }[];
  baseDomain: string;
}) {
  const editing = mode === "edit";
  const [state, setState] = useState(() => stateOf(initial));
  const [touched, setTouched] = useState<Set<string>>(() => new Set());
  const [showAll, setShowAll] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [view, setView] = useState<PreflightView>({ state: "idle" });
  const [checking, setChecking] = useState(false);
  const [submitMessage, setSubmitMessage] = useState<string | null>(null);
  const [submitting, startSubmit] = useTransition();
  const [focusRequest, setFocusRequest] = useState(0);
  const [focusKey, setFocusKey] = useState<number | null>(null);
  const sequence = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const formRef = useRef<HTMLFormElement>(null);
  const messageRef = useRef<HTMLDivElement>(null);
  const dirty = touched.size > 0;

  function update(field: string, change: (s: FormState) => FormState) {
    setState(change);
    setTouched((t) => (t.has(field) ? t : new Set(t).add(field)));
  }

  async function preflight(current: FormState) {
    const run = ++sequence.current;
    setChecking(true);
    let next: PreflightView;
    let nextErrors: FieldErrors = {};
    try {
      const result = await preflightRuntimeAction(slug, null, { ...toRuntimeInput(valuesOf(current)), editing });
      if (result.ok) {
        nextErrors = result.data.fieldErrors;
        next = { state: "done", summary: result.data };
      } else if (result.fieldErrors) {
        nextErrors = result.fieldErrors;
        const fields = [...new Set(Object.keys(result.fieldErrors).map((key) => key.split(".")[0]!))];
        next = {
          state: "incomplete",
          missing: fields.filter((field) => !touched.has(field)).map((field) => FIELD_LABELS[field] ?? field),
          message: fields.some((field) => touched.has(field))
            ? "Fix the highlighted fields to see the estimate."
            : undefined,
        };
      } else {
        next = { state: "error", message: result.message };
      }
    } catch {
      next = { state: "error", message: "Could not reach the server to check this runtime. Try again." };
    }
    if (run !== sequence.current) return; // a newer check is on its way
    setErrors(nextErrors);
    setView(next);
    setChecking(false);
  }

  // Each edit (re)schedules a preflight; an edit form checks once on arrival too.
  useEffect(() => {
    if (!dirty && !editing) return;
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void preflight(state), PREFLIGHT_DELAY_MS);
    return () => clearTimeout(timer.current);
    // preflight reads the latest state it is given; re-running on its identity would loop.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [state]);

  // After a refused submission, take the keyboard to the first field to fix.
  useEffect(() => {
    if (!focusRequest) return;
    const invalid = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
    (invalid ?? messageRef.current)?.focus();
  }, [focusRequest]);

  function check() {
    clearTimeout(timer.current);
    setShowAll(true);
    void preflight(state);
  }

  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    clearTimeout(timer.current);
    sequence.current++; // a check still on its way would overwrite the submission's errors
    setChecking(false);
    setShowAll(true);
    setSubmitMessage(null);
    const input = toRuntimeInput(valuesOf(state));
    startSubmit(async () => {
      const result = editing
        ? await updateRuntimeAction(slug, null, input)
        : await createRuntimeAction(slug, null, input);
      // On success the action redirects to the runtime's page.
      if (result && !result.ok) {
        setErrors(result.fieldErrors ?? {});
        setSubmitMessage(result.message);
        setFocusRequest((n) => n + 1);
      }
    });
  }

  const visible = (path: string) => showAll || touched.has(path.split(".")[0]!);
  const errorsFor = (path: string) => (visible(path) ? errors[path] : undefined);
  const shown = new Set<string>([
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
  const problems = Object.entries(errors)
    .filter(([path]) => visible(path))
    .map(([path, messages]) => ({
      path: fieldOf(path),
      label: describePath(path),
      messages,
      focusable: [...shown].some((field) => field === fieldOf(path) || field.startsWith(`${fieldOf(path)}.`)),
    }));

  function focusField(path: string) {
    const form = formRef.current;
    const field =
      form?.querySelector<HTMLElement>(`[data-field="${path}"]`) ??
      form?.querySelector<HTMLElement>(`[data-field^="${path}."]`);
    field?.focus();
  }
  const commandErrors = (field: "command" | "args") =>
    visible(field)
      ? Object.entries(errors)
          .filter(([path]) => fieldOf(path) === field)
          .flatMap(([, messages]) => messages)
      : undefined;

  const ports = portsOf(state);
  const values = valuesOf(state);
  const hostPrefix = values.publicEndpoint?.hostPrefix ?? "";
  const classOptions = [...new Set([...runtimeClasses, state.runtimeClass])].map((name) => ({
    value: name,
    label: name === defaultRuntimeClass ? `${name} (sandboxed, default)` : name,
  }));
  const volumeNames = [...new Set([...volumes.map((v) => v.name), ...state.volumes.map((v) => v.claimName)])].filter(
    Boolean,
  );
  const volumeOptions = volumeNames.map((name) => {
    const status = volumes.find((v) => v.name === name)?.status;
    return { value: name, label: status && status !== "Bound" ? `${name} (${status.toLowerCase()})` : name };
  });

  return (
    <form
      ref={formRef}
      onSubmit={submit}
      noValidate
      aria-label={editing ? `Edit runtime ${state.name}` : "Create runtime"}
      className="grid grid-cols-1 gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]"
    >
      <div className="flex min-w-0 flex-col gap-6">
        <section
          aria-labelledby="basics-heading"
          className="flex flex-col gap-4 rounded-xl border border-slate-200 bg-white p-4 sm:p-6"
        >
          <h2 id="basics-heading" className="text-base font-semibold">
            Container
          </h2>
          {editing ? (
            <p className="text-sm text-slate-600">
              Name: <span className="font-mono font-medium text-slate-900">{state.name}</span> (cannot be changed)
            </p>
          ) : (
            <Field
              label="Name"
              name="name"
              value={state.name}
              required
              maxLength={40}
              autoComplete="off"
              spellCheck={false}
              hint="Lowercase letters, digits and hyphens, starting with a letter. Other runtimes reach it by this name."
              data-field="name"
              errors={errorsFor("name")}
              onChange={(e) => update("name", (s) => ({ ...s, name: e.target.value }))}
            />
          )}
          <Field
            label="Image"
            name="image"
            value={state.image}
            required
            autoComplete="off"
            spellCheck={false}
            placeholder="nginx:1.27"
            hint="A container image reference, such as nginx:1.27 or ghcr.io/org/app:v2."
            data-field="image"
            errors={errorsFor("image")}
            onChange={(e) => update("image", (s) => ({ ...s, image: e.target.value }))}
          />
          <div className="grid gap-4 sm:grid-cols-2">
            <TextAreaField
              label="Command (optional)"
              name="command"
              value={state.command}
              spellCheck={false}
              placeholder={"/app/server"}
              hint="One word per line; replaces the image's entrypoint."
              data-field="command"
              errors={commandErrors("command")}
              onChange={(e) => update("command", (s) => ({ ...s, command: e.target.value }))}
            />
            <TextAreaField
              label="Arguments (optional)"
              name="args"
              value={state.args}
              spellCheck={false}
              placeholder={"--port\n8080"}
              hint="One argument per line."
              data-field="args"
              errors={commandErrors("args")}
              onChange={(e) => update("args", (s) => ({ ...s, args: e.target.value }))}
            />
          </div>
        </section>

        <RowGroup
          title="Environment variables"
          hint={
            editing
              ? "Secret values are stored in a Kubernetes Secret and never shown again; leave a secret blank to keep its stored value."
              : "Mark a variable secret to store its value in a Kubernetes Secret; it is never shown again."
          }
          errors={errorsFor("env")}
          addLabel="Add variable"
          onAdd={() => {
            const row = keyed({ name: "", value: "", secret: false });
            setFocusKey(row.key);
            update("env", (s) => ({ ...s, env: [...s.env, row] }));
          }}
        >
          {state.env.length === 0 ? <p className="text-sm text-slate-500">No variables.</p> : null}
          <div className="flex flex-col gap-3 max-sm:divide-y max-sm:divide-slate-100 max-sm:[&>*+*]:pt-3">
            {state.env.map((row, index) => {
              const set = (change: Partial<EnvRow>) =>
                update("env", (s) => ({ ...s, env: s.env.map((r) => (r.key === row.key ? { ...r, ...change } : r)) }));
              const label = `variable ${index + 1}${row.name ? ` (${row.name})` : ""}`;
              return (
                <div key={row.key} className="flex flex-col gap-2 sm:flex-row sm:items-start">
                  <RowInput
                    label={`Name of ${label}`}
                    className="sm:w-48"
                    value={row.name}
                    placeholder="NAME"
                    autoComplete="off"
                    spellCheck={false}
                    autoFocus={row.key === focusKey}
                    data-field={`env.${index}.name`}
                    errors={errorsFor(`env.${index}.name`)}
                    onChange={(e) => set({ name: e.target.value })}
                  />
                  <RowInput
                    label={`Value of ${label}`}
                    className="flex-1"
                    type={row.secret ? "password" : "text"}
                    value={row.value}
                    placeholder={row.secret && editing ? "Leave blank to keep" : "value"}
                    autoComplete={row.secret ? "new-password" : "off"}
                    spellCheck={false}
                    data-field={`env.${index}.value`}
                    errors={errorsFor(`env.${index}.value`)}
                    onChange={(e) => set({ value: e.target.value })}
                  />
                  <div className="flex items-center justify-between gap-3 sm:justify-start">
                    <label className="flex items-center gap-2 py-2 text-sm text-slate-700">
                      <input
                        type="checkbox"
                        checked={row.secret}
                        onChange={(e) => set({ secret: e.target.checked })}
                        className="size-4"
                        aria-label={`Secret: ${label}`}
                      />
                      Secret
                    </label>
                    <RemoveButton
                      label={`Remove ${label}`}
                      onClick={() => update("env", (s) => ({ ...s, env: s.env.filter((r) => r.key !== row.key) }))}
                    />
                  </div>
                </div>
              );
            })}
          </div>
        </RowGroup>

        <RowGroup
          title="Ports"
          hint={`The ports your container listens on. Other runtimes in this workspace reach them at ${state.name || "<name>"}:<port>.`}
          errors={errorsFor("ports")}
          addLabel="Add port"
          onAdd={() => {
            const row = keyed({ port: "" });
            setFocusKey(row.key);
            update("ports", (s) => ({ ...s, ports: [...s.ports, row] }));
          }}
        >
          {state.ports.length === 0 ? <p className="text-sm text-slate-500">No ports.</p> : null}
          {state.ports.map((row, index) => (
            <div key={row.key} className="flex items-start gap-2">
              <RowInput
                label={`Port ${index + 1}`}
                className="w-40"
                type="number"
                inputMode="numeric"
                min={1}
                max={65535}
                value={row.port}
                placeholder="8080"
                autoFocus={row.key === focusKey}
                data-field={`ports.${index}.port`}
                errors={errorsFor(`ports.${index}.port`)}
                onChange={(e) =>
                  update("ports", (s) => ({
                    ...s,
                    ports: s.ports.map((r) => (r.key === row.key ? { ...r, port: e.target.value } : r)),
                  }))
                }
              />
              <RemoveButton
                label={`Remove port ${index + 1}${row.port ? ` (${row.port})` : ""}`}
                onClick={() => update("ports", (s) => ({ ...s, ports: s.ports.filter((r) => r.key !== row.key) }))}
              />
            </div>
          ))}
        </RowGroup>

        <FieldsetCard title="Public HTTPS endpoint">
          <label className="flex items-start gap-2 text-sm text-slate-800">
            <input
              type="checkbox"
              className="mt-0.5 size-4"
              checked={state.publicEnabled}
              disabled={ports.length === 0 && !state.publicEnabled}
              onChange={(e) => update("publicEndpoint", (s) => ({ ...s, publicEnabled: e.target.checked }))}
            />
            <span>
              Give this runtime a public HTTPS address
              {ports.length === 0 ? (
                <span className="block text-xs text-slate-500">
                  Add a port first: the address forwards to one of them.
                </span>
              ) : null}
            </span>
          </label>
          {state.publicEnabled ? (
            <div className="flex flex-col gap-3">
              <div className="grid gap-3 sm:grid-cols-[minmax(0,1fr)_10rem]">
                <RowInput
                  label="Host name prefix"
                  hideLabel={false}
                  value={hostPrefix}
                  autoComplete="off"
                  spellCheck={false}
                  data-field="publicEndpoint.hostPrefix"
                  errors={errorsFor("publicEndpoint.hostPrefix")}
                  onChange={(e) =>
                    update("publicEndpoint", (s) => ({ ...s, hostPrefix: e.target.value, hostPrefixEdited: true }))
                  }
                />
                <RowSelect
                  label="Port"
                  hideLabel={false}
                  value={values.publicEndpoint?.port ?? ""}
                  options={ports.map((port) => ({ value: port, label: port }))}
                  data-field="publicEndpoint.port"
                  errors={errorsFor("publicEndpoint.port")}
                  onChange={(e) => update("publicEndpoint", (s) => ({ ...s, endpointPort: e.target.value }))}
                />
              </div>
              <p className="text-sm text-slate-600">
                Address:{" "}
                <span className="font-mono break-all text-slate-900">
                  https://{hostPrefix || "…"}.{baseDomain}
                </span>
              </p>
              {errorsFor("publicEndpoint") ? (
                <p className="text-sm text-red-700">{errorsFor("publicEndpoint")!.join(" ")}</p>
              ) : null}
            </div>
          ) : null}
        </FieldsetCard>

        <section
          aria-labelledby="resources-heading"
          className="flex flex-col gap-4 rounded-xl border border-slate-200 bg-white p-4 sm:p-6"
        >
          <h2 id="resources-heading" className="text-base font-semibold">
            Resources
          </h2>
          <div className="grid gap-4 sm:grid-cols-3">
            <Field
              label="CPU"
              name="cpu"
              value={state.cpu}
              autoComplete="off"
              spellCheck={false}
              hint={'Per replica: "250m" is a quarter CPU, "0.5" half, "2" two CPUs.'}
              data-field="cpu"
              errors={errorsFor("cpu")}
              onChange={(e) => update("cpu", (s) => ({ ...s, cpu: e.target.value }))}
            />
            <Field
              label="Memory"
              name="memory"
              value={state.memory}
              autoComplete="off"
              spellCheck={false}
              hint={'Per replica, such as "256Mi", "512Mi" or "1Gi".'}
              data-field="memory"
              errors={errorsFor("memory")}
              onChange={(e) => update("memory", (s) => ({ ...s, memory: e.target.value }))}
            />
            <Field
              label="Replicas"
              name="replicas"
              type="number"
              inputMode="numeric"
              min={0}
              max={20}
              value={state.replicas}
              hint="Identical copies, from 0 to 20."
              data-field="replicas"
              errors={errorsFor("replicas")}
              onChange={(e) => update("replicas", (s) => ({ ...s, replicas: e.target.value }))}
            />
          </div>
          <SelectField
            label="Runtime class"
            name="runtimeClass"
            value={state.runtimeClass}
            options={classOptions}
            data-field="runtimeClass"
            errors={errorsFor("runtimeClass")}
            onChange={(e) => update("runtimeClass", (s) => ({ ...s, runtimeClass: e.target.value }))}
          />
          <p className="-mt-3 text-xs text-slate-500">
            How the container is isolated. {defaultRuntimeClass} runs it in a sandbox; some classes cost extra per
            CPU-hour, which the estimate shows.
          </p>
        </section>

        <RowGroup
          title="Volumes"
          hint={
            volumes.length === 0 ? (
              <>
                This workspace has no volumes yet.{" "}
                <Link href={`/w/${slug}/volumes/new`} className="text-brand-700 hover:underline">
                  Create a volume
                </Link>{" "}
                to keep data across restarts.
              </>
            ) : (
              "Mount an existing volume of this workspace at a path in the container."
            )
          }
          errors={errorsFor("volumes")}
          addLabel="Add volume"
          addDisabled={volumes.length === 0}
          onAdd={() => {
            const used = new Set(state.volumes.map((v) => v.claimName));
            const row = keyed({
              claimName: volumes.find((v) => !used.has(v.name))?.name ?? volumes[0]!.name,
              mountPath: "",
            });
            setFocusKey(row.key);
            update("volumes", (s) => ({ ...s, volumes: [...s.volumes, row] }));
          }}
        >
          {state.volumes.length === 0 ? <p className="text-sm text-slate-500">No volumes mounted.</p> : null}
          <div className="flex flex-col gap-3 max-sm:divide-y max-sm:divide-slate-100 max-sm:[&>*+*]:pt-3">
            {state.volumes.map((row, index) => {
              const set = (change: Partial<VolumeRow>) =>
                update("volumes", (s) => ({
                  ...s,
                  volumes: s.volumes.map((r) => (r.key === row.key ? { ...r, ...change } : r)),
                }));
              return (
                <div key={row.key} className="flex flex-col gap-2 sm:flex-row sm:items-start">
                  <RowSelect
                    label={`Volume ${index + 1}`}
                    className="sm:w-56"
                    value={row.claimName}
                    options={volumeOptions}
                    data-field={`volumes.${index}.claimName`}
                    errors={errorsFor(`volumes.${index}.claimName`)}
                    onChange={(e) => set({ claimName: e.target.value })}
                  />
                  <RowInput
                    label={`Mount path of volume ${index + 1}`}
                    className="flex-1"
                    value={row.mountPath}
                    placeholder="/data"
                    autoComplete="off"
                    spellCheck={false}
                    autoFocus={row.key === focusKey}
                    data-field={`volumes.${index}.mountPath`}
                    errors={errorsFor(`volumes.${index}.mountPath`)}
                    onChange={(e) => set({ mountPath: e.target.value })}
                  />
                  <RemoveButton
                    label={`Remove volume ${index + 1} (${row.claimName})`}
                    onClick={() =>
                      update("volumes", (s) => ({ ...s, volumes: s.volumes.filter((r) => r.key !== row.key) }))
                    }
                  />
                </div>
              );
            })}
          </div>
        </RowGroup>
      </div>

      <div className="flex min-w-0 flex-col gap-4 lg:sticky lg:top-4 lg:self-start">
        <PreflightPanel
          view={view}
          checking={checking}
          onCheck={check}
          verb={editing ? "save" : "create"}
          problems={problems}
          onFocusField={focusField}
        />
        <div ref={messageRef} tabIndex={-1} className="outline-none">
          <FormMessage state={submitMessage ? { ok: false, message: submitMessage } : null} />
        </div>
        <div className="flex flex-wrap items-center justify-end gap-2">
          <Link
            href={editing ? `/w/${slug}/runtimes/${state.name}` : `/w/${slug}/runtimes`}
            className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium text-slate-800 shadow-xs hover:bg-slate-50"
          >
            Cancel
          </Link>
          <button
            type="submit"
            disabled={submitting}
            aria-busy={submitting || undefined}
            className="bg-brand-600 hover:bg-brand-700 rounded-md px-4 py-2 text-sm font-medium text-white shadow-xs disabled:cursor-not-allowed disabled:opacity-60"
          >
            {submitting ? (editing ? "Saving…" : "Creating…") : editing ? "Save changes" : "Create runtime"}
          </button>
        </div>
      </div>
    </form>
  );
}
