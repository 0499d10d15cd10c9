import type { QuotaUsage } from "@/lib/workspaces/get-quota-usage";

// One quota line as a labelled meter: the numbers are in the text and, for assistive
// technology, in aria-valuetext; the bar turns amber, then red, as the limit nears.

const BINARY_UNITS = ["B", "KiB", "MiB", "GiB", "TiB"] as const;

function round(value: number): string {
  return String(+value.toFixed(2));
}

function formatBytes(bytes: number, unitOf = bytes): string {
  let unit = 0;
  while (unit < BINARY_UNITS.length - 1 && Math.abs(unitOf) >= 1024 ** (unit + 1)) unit++;
  return `${round(bytes / 1024 ** unit)} ${BINARY_UNITS[unit]}`;
}

export function formatQuota({ unit, used, hard }: Pick<QuotaUsage, "unit" | "used" | "hard">): string {
  switch (unit) {
    case "cores":
      return `${round(used)} of ${round(hard)} CPU`;
    case "bytes":
      // Nothing used reads as "0 GiB of 4 GiB", not "0 B of 4 GiB".
      return `${formatBytes(used, used === 0 ? hard : used)} of ${formatBytes(hard)}`;
    case "count":
      return `${used} of ${hard}`;
  }
}

export function QuotaMeter({ usage }: { usage: QuotaUsage }) {
  const labelId = `quota-${usage.resource.replace(/[^a-z0-9]+/gi, "-")}`;
  const text = formatQuota(usage);
  const percent = usage.hard > 0 ? Math.min(100, (usage.used / usage.hard) * 100) : usage.used > 0 ? 100 : 0;
  const color = percent >= 90 ? "bg-red-600" : percent >= 75 ? "bg-amber-500" : "bg-brand-600";
  return (
    <div className="flex flex-col gap-1.5">
      <div className="flex items-baseline justify-between gap-2 text-sm">
        <span id={labelId} className="font-medium text-slate-800">
          {usage.label}
        </span>
        <span className="text-slate-600 tabular-nums">{text}</span>
      </div>
      <div
        role="meter"
        aria-labelledby={labelId}
        aria-valuemin={0}
        aria-valuemax={usage.hard}
        aria-valuenow={Math.min(usage.used, usage.hard)}
        aria-valuetext={text}
        className="h-2 overflow-hidden rounded-full bg-slate-100"
      >
        <div className={`h-full rounded-full ${color}`} style={{ width: `${percent}%` }} />
      </div>
    </div>
  );
}

/** Every quota line of a workspace as meters, or a note that it has no quota. */
export function QuotaMeterList({ usage }: { usage: QuotaUsage[] }) {
  if (usage.length === 0) return <p className="text-sm text-slate-600">This workspace has no quota set.</p>;
  return (
    <ul className="grid gap-5 sm:grid-cols-2">
      {usage.map((line) => (
        <li key={line.resource}>
          <QuotaMeter usage={line} />
        </li>
      ))}
    </ul>
  );
}
