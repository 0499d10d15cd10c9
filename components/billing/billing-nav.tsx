"use client";

import Link from "next/link";
import { useWorkspaceLinks } from "@/components/workspace/use-environment";

// The billing section's own links: the live overview, the detail tables and the statements
// (in the environment the page is in, like every workspace link).
export function BillingNav({ slug, current }: { slug: string; current: "overview" | "usage" | "statements" }) {
  const { page } = useWorkspaceLinks(slug);
  const links = [
    { key: "overview", href: page("/billing"), label: "Current month" },
    { key: "usage", href: page("/billing/usage"), label: "Hourly and daily detail" },
    { key: "statements", href: page("/billing/statements"), label: "Statements" },
  ] as const;
  return (
    <nav aria-label="Billing" className="flex flex-wrap gap-2 text-sm">
      {links.map((link) => (
        <Link
          key={link.key}
          href={link.href}
          aria-current={current === link.key ? "page" : undefined}
          className="aria-[current=page]:border-brand-600 aria-[current=page]:bg-brand-50 rounded-md border border-slate-300 bg-white px-3 py-1.5 text-slate-700 hover:bg-slate-50 aria-[current=page]:font-medium aria-[current=page]:text-slate-900"
        >
          {link.label}
        </Link>
      ))}
    </nav>
  );
}
