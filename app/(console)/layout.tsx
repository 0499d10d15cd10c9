import { requireSession } from "@/lib/auth/session";
import { isPlatformAdmin } from "@/lib/authz/platform-guard";
import { AppHeader } from "@/components/shell/app-header";
import { SkipLink } from "@/components/shell/header-bar";
import { consoleWorkspaces } from "@/lib/auth/console-workspaces";
import { Toaster } from "@/components/ui/toast";
import { countUnread } from "@/lib/notifications/list-notifications";
import { markNotificationReadAction } from "./notifications/actions";

export default async function ConsoleLayout({ children }: { children: React.ReactNode }) {
  const session = await requireSession();
  // Also repairs a missing personal workspace (see consoleWorkspaces).
  const [workspaces, unread, operator] = await Promise.all([
    consoleWorkspaces(),
    countUnread({ userId: session.user.id }),
    isPlatformAdmin(session.user.id),
  ]);
  return (
    <div className="flex min-h-dvh flex-col">
      <SkipLink />
      <AppHeader
        user={{ name: session.user.name ?? null, email: session.user.email ?? null }}
        workspaces={workspaces}
        unread={unread}
        markReadAction={markNotificationReadAction}
        operatorConsole={operator}
      />
      {/* No console-wide sidebar: the dashboard is the logo, notifications the bell, the
          account the avatar; a workspace's own layout lists its sections down the left.
          Toasts outlive a navigation (a deletion's toast shows on the page it leads to). */}
      <Toaster>
        <main id="main" className="mx-auto w-full max-w-7xl min-w-0 flex-1 px-4 py-6 md:px-8">
          {children}
        </main>
      </Toaster>
    </div>
  );
}
