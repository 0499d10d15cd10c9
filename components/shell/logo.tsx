export function Logo({ className }: { className?: string }) {
  return (
    <svg viewBox="0 0 32 32" aria-hidden="true" className={className}>
      <circle cx="16" cy="13" r="10" className="fill-brand-600" />
      <rect x="14.5" y="18" width="3" height="11" rx="1.5" className="fill-brand-800" />
    </svg>
  );
}
