import Link from "next/link";
import { HeaderBar } from "@/components/shell/header-bar";
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
    <HeaderBar>
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
    </HeaderBar>
  );
}
