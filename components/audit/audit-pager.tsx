import Link from "next/link";
import { buttonClass } from "@/components/ui/button-class";

// The audit log's paging (a workspace's and the platform's): back to the newest events when
// on an older page, and on to older events while there are any.
export function AuditPager({ newestHref, olderHref }: { newestHref: string | null; olderHref: string | null }) {
  return (
    <nav aria-label="Audit log pages" className="flex items-center justify-between gap-3 text-sm">
      {newestHref ? (
        <Link href={newestHref} className="text-brand-700 hover:underline">
          ← Newest
        </Link>
      ) : (
        <span />
      )}
      {olderHref ? (
        <Link href={olderHref} className={buttonClass({ variant: "secondary", size: "sm" })}>
          Older →
        </Link>
      ) : (
        <span className="text-slate-500">No older events</span>
      )}
    </nav>
  );
}
