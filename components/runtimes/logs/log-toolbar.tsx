"use client";

import type { LogPod } from "@/lib/runtimes/runtime-log-sources";
import { Field, SelectField } from "@/components/forms/field";
import { SINCE_OPTIONS, TAIL_OPTIONS, type LogOptions } from "@/components/runtimes/logs/log-options";

// The choices above the log: which pod and container, which run, how far back, and
// whether to follow. Each change opens the log again with the new choices.

function podLabel(pod: LogPod): string {
  const restarts = pod.containers.reduce((sum, c) => sum + c.restarts, 0);
  return `${pod.name} (${pod.phase.toLowerCase()}${restarts ? `, ${restarts} restart${restarts === 1 ? "" : "s"}` : ""})`;
}

export function LogToolbar({
  pods,
  options,
  onChange,
}: {
  pods: LogPod[];
  options: LogOptions;
  onChange: (next: Partial<LogOptions>) => void;
}) {
  const chosen = pods.filter((p) => !options.pod || p.name === options.pod);
  const containers = [...new Set(chosen.flatMap((p) => p.containers.map((c) => c.name)))];
  const previousExists = chosen.some((p) =>
    p.containers.some((c) => (!options.container || c.name === options.container) && c.hasPrevious),
  );
  return (
    <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-4">
      <SelectField
        compact
        label="Pod"
        value={options.pod}
        onChange={(e) => onChange({ pod: e.target.value, container: "", previous: false })}
        options={[
          ...(pods.length > 1 ? [{ value: "", label: `All ${pods.length} pods` }] : []),
          ...pods.map((p) => ({ value: p.name, label: podLabel(p) })),
        ]}
      />
      {containers.length > 1 ? (
        <SelectField
          compact
          label="Container"
          value={options.container}
          onChange={(e) => onChange({ container: e.target.value })}
          options={containers.map((c) => ({ value: c, label: c }))}
        />
      ) : null}
      <SelectField
        compact
        label="Lines"
        value={options.tailLines}
        onChange={(e) => onChange({ tailLines: e.target.value })}
        options={TAIL_OPTIONS}
      />
      <SelectField
        compact
        label="Since"
        value={options.since}
        onChange={(e) => onChange({ since: e.target.value })}
        options={SINCE_OPTIONS}
      />
      {options.since === "time" ? (
        <Field
          compact
          label="Start time"
          type="datetime-local"
          step={1}
          value={options.sinceTime}
          onChange={(e) => onChange({ sinceTime: e.target.value })}
          hint="In your local time."
        />
      ) : null}
      <fieldset className="flex flex-col gap-1 sm:col-span-2 lg:col-span-4">
        <legend className="sr-only">Run and following</legend>
        <div className="flex flex-wrap gap-x-5 gap-y-2 text-sm text-slate-800">
          <label className="flex items-center gap-2">
            <input
              type="checkbox"
              checked={options.previous}
              disabled={!previousExists && !options.previous}
              onChange={(e) => onChange({ previous: e.target.checked })}
            />
            Previous run (before the last restart)
          </label>
          <label className="flex items-center gap-2">
            <input
              type="checkbox"
              checked={options.follow && !options.previous}
              disabled={options.previous}
              onChange={(e) => onChange({ follow: e.target.checked })}
            />
            Follow new lines
          </label>
        </div>
        {!previousExists && !options.previous ? (
          <p className="text-xs text-slate-500">No container here has restarted, so there is no previous run.</p>
        ) : null}
      </fieldset>
    </div>
  );
}
