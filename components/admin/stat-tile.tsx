import Link from "next/link";
import { cardClass } from "@/components/ui/card";

// One figure of the operator's overview, with what it is made of; a link when there is a page for it.
export function StatTile({
  label,
  value,
  detail,
  href,
}: {
  label: string;
  value: React.ReactNode;
  detail?: React.ReactNode;
  href?: string;
}) {
  const body = (
    <>
      <span className="text-sm text-slate-600">{label}</span>
      <span className="text-2xl font-semibold tabular-nums">{value}</span>
      {detail ? <span className="text-xs text-slate-500">{detail}</span> : null}
    </>
  );
  const className = cardClass({ padding: "sm", className: "flex flex-col gap-1" });
  return href ? (
    <Link href={href} className={`${className} hover:border-brand-300 focus-visible:outline-2`}>
      {body}
    </Link>
  ) : (
    <div className={className}>{body}</div>
  );
}
