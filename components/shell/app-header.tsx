import Link from "next/link";
import { Logo } from "@/components/shell/logo";
import { UserMenu } from "@/components/shell/user-menu";
import { WorkspaceSwitcher } from "@/components/shell/workspace-switcher";

export function AppHeader({
  user,
  workspaces,
}: {
  user: { name: string | null; email: string | null };
  workspaces: { slug: string; displayName: string; kind: "PERSONAL" | "TEAM" }[];
}) {
  return (
    <header className="sticky top-0 z-40 border-b border-slate-200 bg-white/90 backdrop-blur">
      <div className="mx-auto flex h-14 max-w-7xl items-center gap-3 px-4 md:px-8">
        <Link href="/dashboard" className="flex items-center gap-2 font-semibold">
          <Logo className="h-7 w-7" />
          <span>Canopy</span>
        </Link>
        <span aria-hidden="true" className="text-slate-300">
          /
        </span>
        <WorkspaceSwitcher workspaces={workspaces} />
        <div className="ml-auto">
          <UserMenu user={user} />
        </div>
      </div>
    </header>
  );
}
