import { DEFAULT_TAIL_LINES, SINCE_CHOICES, TAIL_LINE_CHOICES } from "@/lib/runtimes/runtime-log-choices";
import { workspaceApiHref } from "@/lib/environments/environment-param";

// What the reader chose on the logs page, and the logs route's URL for it (the route
// parses the same names with runtimeLogQuery).

export interface LogOptions {
  /** "" for every pod of the runtime. */
  pod: string;
  container: string;
  previous: boolean;
  follow: boolean;
  /** "" for the whole log. */
  tailLines: string;
  /** "" from the start, a number of seconds, or "time" for `sinceTime`. */
  since: string;
  /** A local date and time (datetime-local input), used when since is "time". */
  sinceTime: string;
}

export const DEFAULT_OPTIONS: LogOptions = {
  pod: "",
  container: "",
  previous: false,
  follow: true,
  tailLines: String(DEFAULT_TAIL_LINES),
  since: "",
  sinceTime: "",
};

export const TAIL_OPTIONS = [
  ...TAIL_LINE_CHOICES.map((n) => ({ value: String(n), label: `Last ${n.toLocaleString("en")} lines` })),
  { value: "", label: "Every line" },
];

export const SINCE_OPTIONS = [
  { value: "", label: "From the start" },
  ...SINCE_CHOICES.map((c) => ({ value: String(c.seconds), label: c.label })),
  { value: "time", label: "From a time…" },
];

export function logUrl(
  slug: string,
  environment: string,
  runtime: string,
  options: LogOptions,
  download = false,
): string {
  const params = new URLSearchParams({ runtime });
  if (options.pod) params.set("pod", options.pod);
  if (options.container) params.set("container", options.container);
  if (options.previous) params.set("previous", "true");
  if (options.follow && !options.previous && !download) params.set("follow", "true");
  if (options.tailLines) params.set("tailLines", options.tailLines);
  if (options.since === "time") {
    const at = new Date(options.sinceTime);
    if (options.sinceTime && !Number.isNaN(at.getTime())) params.set("sinceTime", at.toISOString());
  } else if (options.since) {
    params.set("sinceSeconds", options.since);
  }
  if (download) params.set("download", "true");
  return workspaceApiHref(slug, `/runtimes/logs?${params}`, environment);
}
