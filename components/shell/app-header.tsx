import Link from "next/link";
import { Logo } from "@/components/shell/logo";
import { UserMenu } from "@/components/shell/user-menu";
import type { FormAction } from "@/components/forms/use-form-action";
import { NotificationBell } from "@/components/notifications/notification-bell";
import { WorkspaceSwitcher } from "@/components/shell/workspace-switcher";

export function AppHeader({
  user,
  workspaces,
  unread,
  markReadAction,
  operatorConsole = false,
}: {
  user: { name: string | null; email: string | null };
  /** A platform administrator's way into the operator console (/admin). */
  operatorConsole?: boolean;
  workspaces: { slug: string; displayName: string; kind: "PERSONAL" | "TEAM" }[];
  unread: number;
  markReadAction: FormAction;
}) {
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
        <div className="min-w-0 flex-1">
          <WorkspaceSwitcher workspaces={workspaces} />
        </div>
        <div className="flex shrink-0 items-center gap-1 sm:gap-2">
          {operatorConsole ? (
            <Link
              href="/admin"
              className="rounded-md px-2 py-1 text-sm font-medium text-slate-700 hover:bg-slate-100 hover:text-slate-900"
            >
              Operator<span className="hidden lg:inline"> console</span>
            </Link>
          ) : null}
          <NotificationBell unread={unread} markReadAction={markReadAction} />
          <UserMenu user={user} />
        </div>
      </div>
    </header>
  );
}
