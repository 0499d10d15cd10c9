"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

// Only destinations that exist are listed; later features add their own entries.
const items = [{ href: "/dashboard", label: "Dashboard" }];

export function AppNav() {
  const pathname = usePathname();
  return (
    <nav aria-label="Main" className="border-b border-slate-200 md:w-56 md:border-r md:border-b-0">
      <ul className="flex gap-1 overflow-x-auto px-4 py-2 md:flex-col md:px-3 md:py-6">
        {items.map((item) => {
          const active = pathname === item.href || pathname.startsWith(`${item.href}/`);
          return (
            <li key={item.href}>
              <Link
                href={item.href}
                aria-current={active ? "page" : undefined}
                className={`block rounded-md px-3 py-2 text-sm whitespace-nowrap ${
                  active ? "bg-brand-50 text-brand-800 font-medium" : "text-slate-700 hover:bg-slate-100"
                }`}
              >
                {item.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
