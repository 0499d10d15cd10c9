"use client";

import Link from "next/link";

interface Item {
  slug: string;
  displayName: string;
  kind: "PERSONAL" | "TEAM";
}

// The workspace switcher's open menu (workspace-switcher.tsx): every workspace of the member
// and the way to make a team workspace. Fetched when the browser is idle, since most pages
// never open it.
export default function WorkspaceMenu({
  workspaces,
  currentSlug,
  onClose,
}: {
  workspaces: Item[];
  currentSlug: string | undefined;
  onClose: () => void;
}) {
  return (
    <>
      <ul aria-label="Workspaces" className="max-h-80 overflow-y-auto">
        {workspaces.map((w) => (
          <li key={w.slug}>
            <Link
              href={`/w/${w.slug}`}
              aria-current={w.slug === currentSlug ? "page" : undefined}
              onClick={onClose}
              className="aria-[current=page]:bg-brand-50 flex items-center justify-between gap-2 rounded-md px-3 py-2 text-sm hover:bg-slate-100"
            >
              <span className="truncate">{w.displayName}</span>
              <span className="text-xs text-slate-500">{w.kind === "PERSONAL" ? "Personal" : "Team"}</span>
            </Link>
          </li>
        ))}
      </ul>
      <div className="mt-1 border-t border-slate-100 pt-1">
        <Link href="/workspaces/new" className="text-brand-700 block rounded-md px-3 py-2 text-sm hover:bg-slate-100">
          + Create team workspace
        </Link>
      </div>
    </>
  );
}
