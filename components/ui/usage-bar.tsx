// Used against a limit, as words (what screen readers read) with a bar for the eye that
// turns amber near the limit and red at it.

const HEIGHTS = { sm: "h-1.5", md: "h-2" } as const;

export function UsageBar({
  label,
  used,
  hard,
  size = "sm",
  children,
}: {
  label: string;
  used: number;
  hard: number;
  size?: keyof typeof HEIGHTS;
  /** The words: how much of the limit is used. */
  children: React.ReactNode;
}) {
  const share = hard > 0 ? Math.min(1, used / hard) : 1;
  const full = used >= hard;
  return (
    <div className="flex min-w-0 flex-col gap-1">
      <div className="flex flex-wrap justify-between gap-x-2 text-sm">
        <span className="font-medium text-slate-800">{label}</span>
        <span className={full ? "font-medium text-red-700" : "text-slate-600"}>{children}</span>
      </div>
      <div aria-hidden="true" className={`${HEIGHTS[size]} overflow-hidden rounded-full bg-slate-100`}>
        <div
          className={`h-full rounded-full ${full ? "bg-red-500" : share > 0.8 ? "bg-amber-500" : "bg-brand-600"}`}
          style={{ width: `${share * 100}%` }}
        />
      </div>
    </div>
  );
}
