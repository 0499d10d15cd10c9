"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useRef, useState } from "react";

interface Item {
  slug: string;
  displayName: string;
  kind: "PERSONAL" | "TEAM";
}

export function WorkspaceSwitcher({ workspaces }: { workspaces: Item[] }) {
  const pathname = usePathname();
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const currentSlug = pathname.match(/^\/w\/([^/]+)/)?.[1];
  const current = workspaces.find((w) => w.slug === currentSlug);

  useEffect(() => {
    if (!open) return;
    const close = (event: MouseEvent | KeyboardEvent) => {
      if (event instanceof KeyboardEvent ? event.key === "Escape" : !root.current?.contains(event.target as Node)) {
        setOpen(false);
      }
    };
    document.addEventListener("mousedown", close);
    document.addEventListener("keydown", close);
    return () => {
      document.removeEventListener("mousedown", close);
      document.removeEventListener("keydown", close);
    };
  }, [open]);

  return (
    <div ref={root} className="relative min-w-0" data-testid="workspace-switcher">
      <button
        type="button"
        aria-haspopup="true"
        aria-expanded={open}
        onClick={() => setOpen((v) => !v)}
        className="flex max-w-full items-center gap-1 rounded-md px-2 py-1 text-sm font-medium hover:bg-slate-100 sm:max-w-[16rem]"
      >
        <span className="truncate">{current?.displayName ?? "Select a workspace"}</span>
        <span aria-hidden="true" className="text-slate-400">
          ▾
        </span>
      </button>
      {open ? (
        <div className="absolute left-0 z-50 mt-1 w-72 max-w-[calc(100vw-2rem)] rounded-lg border border-slate-200 bg-white p-1 shadow-lg">
          <ul aria-label="Workspaces" className="max-h-80 overflow-y-auto">
            {workspaces.map((w) => (
              <li key={w.slug}>
                <Link
                  href={`/w/${w.slug}`}
                  aria-current={w.slug === currentSlug ? "page" : undefined}
                  onClick={() => setOpen(false)}
                  className="aria-[current=page]:bg-brand-50 flex items-center justify-between gap-2 rounded-md px-3 py-2 text-sm hover:bg-slate-100"
                >
                  <span className="truncate">{w.displayName}</span>
                  <span className="text-xs text-slate-500">{w.kind === "PERSONAL" ? "Personal" : "Team"}</span>
                </Link>
              </li>
            ))}
          </ul>
          <div className="mt-1 border-t border-slate-100 pt-1">
            <Link
              href="/workspaces/new"
              className="text-brand-700 block rounded-md px-3 py-2 text-sm hover:bg-slate-100"
            >
              + Create team workspace
            </Link>
          </div>
        </div>
      ) : null}
    </div>
  );
}
