const styles: Record<string, { label: string; className: string }> = {
  SUCCESS: { label: "Success", className: "bg-brand-50 text-brand-800 border-brand-100" },
  DENIED: { label: "Denied", className: "bg-amber-50 text-amber-800 border-amber-200" },
  FAILED: { label: "Failed", className: "bg-red-50 text-red-800 border-red-200" },
};

export function OutcomeBadge({ outcome }: { outcome: string }) {
  const style = styles[outcome] ?? { label: outcome, className: "bg-slate-100 text-slate-700 border-slate-200" };
  return (
    <span className={`rounded-full border px-2 py-0.5 text-xs font-medium whitespace-nowrap ${style.className}`}>
      {style.label}
    </span>
  );
}
