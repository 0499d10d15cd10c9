import Link from "next/link";
import { Logo } from "@/components/shell/logo";

// The frame every signed-in page starts with: a link to skip to the content, then the sticky
// bar with the logo (the dashboard) and what the area puts after it (the console's workspace
// switcher, bell and avatar; the operator console's name and avatar).

export function SkipLink() {
  return (
    <a
      href="#main"
      className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2"
    >
      Skip to content
    </a>
  );
}

export function HeaderBar({ children }: { children: React.ReactNode }) {
  return (
    <header className="sticky top-0 z-40 border-b border-slate-200 bg-white/90 backdrop-blur">
      <div className="mx-auto flex h-14 max-w-7xl items-center gap-2 px-4 sm:gap-3 md:px-8">
        <Link
          href="/dashboard"
          aria-label="Canopy dashboard"
          className="flex shrink-0 items-center gap-2 font-semibold"
        >
          <Logo className="h-7 w-7" />
          <span className="hidden sm:inline">Canopy</span>
        </Link>
        <span aria-hidden="true" className="hidden text-slate-300 sm:inline">
          /
        </span>
        {children}
      </div>
    </header>
  );
}
