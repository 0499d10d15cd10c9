"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useRef } from "react";
import type { SwitcherEnvironment } from "@/components/workspace/environment-switcher";
import { switchedHref } from "@/lib/environments/environment-param";

// The environment switcher's open menu (environment-switcher.tsx, which closes it on Escape
// or a click outside): focus goes to the current environment as it opens, arrows move.
// Fetched when the browser is idle, since most pages never open it.
export default function EnvironmentMenu({
  environments,
  current,
  onClose,
}: {
  environments: SwitcherEnvironment[];
  current: string;
  onClose: () => void;
}) {
  const pathname = usePathname();
  const list = useRef<HTMLUListElement>(null);

  useEffect(() => {
    const items = () => Array.from(list.current?.querySelectorAll<HTMLAnchorElement>("[data-env-item]") ?? []);
    (items().find((a) => a.getAttribute("aria-current")) ?? items()[0])?.focus();
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
      event.preventDefault();
      const all = items();
      const at = all.indexOf(document.activeElement as HTMLAnchorElement);
      const next = event.key === "ArrowDown" ? at + 1 : at - 1;
      all[(next + all.length) % all.length]?.focus();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, []);

  return (
    <ul ref={list} aria-label="Environments" className="max-h-80 overflow-y-auto">
      {environments.map((e) => (
        <li key={e.environment}>
          <Link
            data-env-item
            href={switchedHref(pathname, e.environment)}
            aria-current={e.environment === current ? "true" : undefined}
            onClick={onClose}
            className="aria-[current=true]:bg-brand-50 flex items-center justify-between gap-2 rounded-md px-3 py-2 text-sm hover:bg-slate-100 focus:bg-slate-100 focus:outline-none"
          >
            <span className="min-w-0">
              <span className="block truncate font-medium">{e.displayName}</span>
              <code className="block truncate text-xs text-slate-500">{e.namespace}</code>
            </span>
            <span className="shrink-0 text-xs text-slate-500">{e.role}</span>
          </Link>
        </li>
      ))}
    </ul>
  );
}
