"use client";

import { usePathname } from "next/navigation";
import { lazy, Suspense, useEffect, useRef, useState } from "react";
import { whenIdle } from "@/components/ui/when-idle";

interface Item {
  slug: string;
  displayName: string;
  kind: "PERSONAL" | "TEAM";
}

// The header's workspace switcher: the current workspace, and a menu of the others
// (workspace-menu.tsx, fetched when the browser is idle). Escape or a click outside closes it.
const loadMenu = () => import("@/components/shell/workspace-menu");
const WorkspaceMenu = lazy(loadMenu);

export function WorkspaceSwitcher({ workspaces }: { workspaces: Item[] }) {
  const pathname = usePathname();
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const currentSlug = pathname.match(/^\/w\/([^/]+)/)?.[1];
  const current = workspaces.find((w) => w.slug === currentSlug);

  useEffect(() => whenIdle(() => void loadMenu()), []);
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
          <Suspense
            fallback={
              <p className="px-3 py-2 text-sm text-slate-500" role="status">
                Loading…
              </p>
            }
          >
            <WorkspaceMenu workspaces={workspaces} currentSlug={currentSlug} onClose={() => setOpen(false)} />
          </Suspense>
        </div>
      ) : null}
    </div>
  );
}
