"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEnvironment } from "@/components/workspace/use-environment";
import { withEnvironment } from "@/lib/environments/environment-param";

// One link of a section list (a workspace's sidebar and tab strip, the operator console's):
// it keeps the environment the page is in (lib/environments/environment-param.ts) and is the
// current page (aria-current) when the page belongs to its section: the first section is the
// root (its own page only), every other section also owns its sub-pages. The lists around it
// are server components, so this is all of them the browser's JavaScript carries.
export function SectionLink({
  href,
  root,
  className,
  children,
}: {
  href: string;
  /** The first section: current on its own page only. */
  root: boolean;
  className: string;
  children: React.ReactNode;
}) {
  const pathname = usePathname();
  const environment = useEnvironment();
  const current = root ? pathname === href : pathname === href || pathname.startsWith(`${href}/`);
  return (
    <Link href={withEnvironment(href, environment)} aria-current={current ? "page" : undefined} className={className}>
      {children}
    </Link>
  );
}
