// What a page shows while its data loads (a route's loading.tsx): announced once, with grey
// blocks where the figures and the list will be.
export function PageSkeleton({ tiles = 3 }: { tiles?: number }) {
  return (
    <div role="status" aria-live="polite" className="flex flex-col gap-4">
      <span className="sr-only">Loading…</span>
      <div className="grid gap-4 sm:grid-cols-3" aria-hidden="true">
        {Array.from({ length: tiles }, (_, i) => (
          <div key={i} className="h-20 animate-pulse rounded-xl bg-slate-200/70" />
        ))}
      </div>
      <div className="h-64 animate-pulse rounded-xl bg-slate-200/70" aria-hidden="true" />
    </div>
  );
}
