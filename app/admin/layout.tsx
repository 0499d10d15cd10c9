import { platformPage } from "@/lib/auth/platform-page";
import { requireSession } from "@/lib/auth/session";
import { adminSections } from "@/lib/platform/admin-sections";
import { HeaderBar, SkipLink } from "@/components/shell/header-bar";
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
      <SkipLink />
      <HeaderBar>
        <span className="min-w-0 flex-1 truncate font-medium">Operator console</span>
        <UserMenu user={{ name: session.user.name ?? null, email: session.user.email ?? null }} />
      </HeaderBar>
      <Toaster>
        <main id="main" className="mx-auto w-full max-w-7xl min-w-0 flex-1 px-4 py-6 md:px-8">
          <div className="flex gap-8">
            <WorkspaceSidebar name="Platform" sections={sections} label="Operator console" />
            <div className="flex min-w-0 flex-1 flex-col gap-6">
              <div className="md:hidden">
                <WorkspaceTabs tabs={sections} label="Operator console" />
              </div>
              {children}
            </div>
          </div>
        </main>
      </Toaster>
    </div>
  );
}
