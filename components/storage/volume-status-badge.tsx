const styles: Record<string, string> = {
  Bound: "bg-brand-50 text-brand-800 border-brand-100",
  Pending: "bg-amber-50 text-amber-800 border-amber-200",
  Lost: "bg-red-50 text-red-800 border-red-200",
  Terminating: "bg-slate-100 text-slate-600 border-slate-200",
};

export function VolumeStatusBadge({ status }: { status: string }) {
  return (
    <span
      className={`rounded-full border px-2 py-0.5 text-xs font-medium ${styles[status] ?? "border-slate-200 bg-slate-100 text-slate-700"}`}
    >
      {status}
    </span>
  );
}
