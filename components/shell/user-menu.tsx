import Link from "next/link";
import { SignOutForm } from "@/components/shell/sign-out-form";

// Who is signed in, the way to their account, and signing out. Rendered by the server; only
// the sign-out form is in the browser's JavaScript.

export function UserMenu({ user }: { user: { name: string | null; email: string | null } }) {
  const label = user.name ?? user.email ?? "Signed in";
  const initials = label
    .split(/\s+/)
    .map((part) => part[0]?.toUpperCase() ?? "")
    .join("")
    .slice(0, 2);
  return (
    <div className="flex items-center gap-2 sm:gap-3">
      <div className="hidden text-right sm:block">
        <p data-testid="user-name" className="text-sm leading-tight font-medium">
          {label}
        </p>
        {user.email && user.email !== label ? <p className="text-xs text-slate-500">{user.email}</p> : null}
      </div>
      <Link
        href="/account"
        aria-label="Your account"
        title="Your account"
        className="bg-brand-100 text-brand-800 hover:ring-brand-600 flex h-8 w-8 items-center justify-center rounded-full text-xs font-semibold hover:ring-2"
      >
        <span aria-hidden="true">{initials}</span>
      </Link>
      <SignOutForm />
    </div>
  );
}
