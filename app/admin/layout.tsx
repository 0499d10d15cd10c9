import Link from "next/link";
import { platformPage } from "@/lib/auth/platform-page";
import { requireSession } from "@/lib/auth/session";
import { adminSections } from "@/lib/platform/admin-sections";
import { Logo } from "@/components/shell/logo";
import { QueryProvider } from "@/components/shell/query-provider";
import { UserMenu } from "@/components/shell/user-menu";
import { Toaster } from "@/components/ui/toast";
import { WorkspaceSidebar } from "@/components/workspace/workspace-sidebar";
import { WorkspaceTabs } from "@/components/workspace/workspace-tabs";

// The operator console. The platform guard runs before anything renders: anyone who is not
// a platform administrator gets the 404 page (and the refusal is in the platform audit log).
export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const session = await requireSession();
  await platformPage("platform.read");
  const sections = adminSections();
  return (
    <div className="flex min-h-dvh flex-col">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2"
      >
        Skip to content
      </a>
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
          <span aria-hidden="true" className="text-slate-300">
            /
          </span>
          <span className="min-w-0 flex-1 truncate font-medium">Operator console</span>
          <UserMenu user={{ name: session.user.name ?? null, email: session.user.email ?? null }} />
        </div>
      </header>
      <Toaster>
        <main id="main" className="mx-auto w-full max-w-7xl min-w-0 flex-1 px-4 py-6 md:px-8">
          <div className="flex gap-8">
            <WorkspaceSidebar name="Platform" sections={sections} label="Operator console" />
            <div className="flex min-w-0 flex-1 flex-col gap-6">
              <div className="md:hidden">
                <WorkspaceTabs tabs={sections} label="Operator console" />
              </div>
              <QueryProvider>{children}</QueryProvider>
            </div>
          </div>
        </main>
      </Toaster>
    </div>
  );
}
