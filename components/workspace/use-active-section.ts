"use client";

import { usePathname } from "next/navigation";

/**
 * Which of a workspace's sections the current page belongs to: the first section is the
 * workspace root (its own page only); every other section also owns its sub-pages.
 */
export function useActiveSection(): (href: string, index: number) => boolean {
  const pathname = usePathname();
  return (href, index) => (index === 0 ? pathname === href : pathname === href || pathname.startsWith(`${href}/`));
}
