import { requireSession } from "@/lib/auth/session";
import { AppHeader } from "@/components/shell/app-header";
import { AppNav } from "@/components/shell/app-nav";
import { consoleWorkspaces } from "@/lib/auth/console-workspaces";
import { Toaster } from "@/components/ui/toast";

export default async function ConsoleLayout({ children }: { children: React.ReactNode }) {
  const session = await requireSession();
  // Also repairs a missing personal workspace (see consoleWorkspaces).
  const workspaces = await consoleWorkspaces();
  return (
    <div className="flex min-h-dvh flex-col">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2"
      >
        Skip to content
      </a>
      <AppHeader
        user={{ name: session.user.name ?? null, email: session.user.email ?? null }}
        workspaces={workspaces}
      />
      {/* Toasts outlive a navigation (a deletion's toast shows on the page it leads to). */}
      <Toaster>
        <div className="mx-auto flex w-full max-w-7xl flex-1 flex-col md:flex-row">
          <AppNav />
          <main id="main" className="min-w-0 flex-1 px-4 py-6 md:px-8">
            {children}
          </main>
        </div>
      </Toaster>
    </div>
  );
}
