const styles: Record<string, { label: string; className: string }> = {
  PROVISIONING: { label: "Provisioning", className: "bg-amber-50 text-amber-800 border-amber-200" },
  READY: { label: "Ready", className: "bg-brand-50 text-brand-800 border-brand-100" },
  DELETING: { label: "Deleting", className: "bg-red-50 text-red-800 border-red-200" },
  DELETED: { label: "Deleted", className: "bg-slate-100 text-slate-600 border-slate-200" },
};

export function StatusBadge({ status }: { status: string }) {
  const style = styles[status] ?? { label: status, className: "bg-slate-100 text-slate-700 border-slate-200" };
  return (
    <span className={`rounded-full border px-2 py-0.5 text-xs font-medium ${style.className}`}>{style.label}</span>
  );
}
