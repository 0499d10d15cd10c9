"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { useEnvironment } from "@/components/workspace/use-environment";
import { DEFAULT_ENVIRONMENT, switchedHref } from "@/lib/environments/environment-param";

// The workspace's environments beside its name: which one the page acts in, and a menu to
// move to another while staying on the same page (a runtime's or volume's own page goes to
// its list, since the other environment has other runtimes). With only the default
// environment it shows the namespace alone. Keyboard: Enter/Space opens, arrows move,
// Escape closes and returns to the button.

export interface SwitcherEnvironment {
  environment: string;
  displayName: string;
  namespace: string;
  /** The member's role there, as a label (lower than the workspace's where an environment role says so). */
  role: string;
}

export function EnvironmentSwitcher({ environments }: { environments: SwitcherEnvironment[] }) {
  const pathname = usePathname();
  const currentName = useEnvironment();
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const current = environments.find((e) => e.environment === currentName);

  useEffect(() => {
    if (!open) return;
    const items = () => Array.from(root.current?.querySelectorAll<HTMLAnchorElement>("[data-env-item]") ?? []);
    (items().find((a) => a.getAttribute("aria-current")) ?? items()[0])?.focus();
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "Escape") {
        setOpen(false);
        button.current?.focus();
      } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        const list = items();
        const at = list.indexOf(document.activeElement as HTMLAnchorElement);
        const next = event.key === "ArrowDown" ? at + 1 : at - 1;
        list[(next + list.length) % list.length]?.focus();
      }
    };
    const onClick = (event: MouseEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener("keydown", onKey);
    document.addEventListener("mousedown", onClick);
    return () => {
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("mousedown", onClick);
    };
  }, [open]);

  if (environments.length <= 1 || !current) {
    const only = current ?? environments[0];
    return only ? (
      <span className="text-sm text-slate-500" data-testid="environment-current">
        namespace <code className="rounded bg-slate-100 px-1">{only.namespace}</code>
      </span>
    ) : null;
  }

  return (
    <div
      ref={root}
      className="relative"
      data-testid="environment-switcher"
      // Tabbing out of the menu closes it.
      onBlur={(event) => {
        if (open && !root.current?.contains(event.relatedTarget as Node | null)) setOpen(false);
      }}
    >
      <button
        ref={button}
        type="button"
        aria-haspopup="true"
        aria-expanded={open}
        aria-label={`Environment: ${current.displayName}. Switch environment`}
        onClick={() => setOpen((v) => !v)}
        className="flex items-center gap-1.5 rounded-md border border-slate-200 bg-white px-2 py-1 text-sm hover:bg-slate-50"
      >
        <span className="text-xs text-slate-500">Environment</span>
        <span className="font-medium" data-testid="environment-current">
          {current.displayName}
        </span>
        {current.environment !== DEFAULT_ENVIRONMENT ? (
          <code className="hidden rounded bg-slate-100 px-1 text-xs sm:inline">{current.namespace}</code>
        ) : null}
        <span aria-hidden="true" className="text-slate-400">
          ▾
        </span>
      </button>
      {open ? (
        <div className="absolute left-0 z-50 mt-1 w-72 max-w-[calc(100vw-2rem)] rounded-lg border border-slate-200 bg-white p-1 shadow-lg">
          <ul aria-label="Environments" className="max-h-80 overflow-y-auto">
            {environments.map((e) => (
              <li key={e.environment}>
                <Link
                  data-env-item
                  href={switchedHref(pathname, e.environment)}
                  aria-current={e.environment === current.environment ? "true" : undefined}
                  onClick={() => setOpen(false)}
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
        </div>
      ) : null}
    </div>
  );
}
