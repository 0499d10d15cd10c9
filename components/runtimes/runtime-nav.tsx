"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEnvironment } from "@/components/workspace/use-environment";
import { withEnvironment } from "@/lib/environments/environment-param";

// The tabs of one runtime's pages (overview, logs, terminal), shown above each of them;
// the edit form has none. The layout decides which tabs a role sees.

export interface RuntimeTab {
  href: string;
  label: string;
}

export function RuntimeNav({ name, tabs }: { name: string; tabs: RuntimeTab[] }) {
  const pathname = usePathname();
  const environment = useEnvironment();
  if (!tabs.some((tab) => tab.href === pathname)) return null;
  return (
    <nav aria-label={`Runtime ${name}`} className="-mx-4 mb-4 overflow-x-auto px-4 md:mx-0 md:px-0">
      <ul className="flex gap-1 rounded-lg bg-slate-100 p-1 text-sm sm:inline-flex">
        {tabs.map((tab) => (
          <li key={tab.href}>
            <Link
              href={withEnvironment(tab.href, environment)}
              aria-current={tab.href === pathname ? "page" : undefined}
              className="block rounded-md px-3 py-1.5 whitespace-nowrap text-slate-600 hover:text-slate-900 aria-[current=page]:bg-white aria-[current=page]:font-medium aria-[current=page]:text-slate-900 aria-[current=page]:shadow-xs"
            >
              {tab.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
