import Link from "next/link";
import { SCOPE_PARAM, workspaceHref } from "@/lib/environments/environment-param";

// "This environment | All environments" above a list that has a workspace-wide view
// (runtimes, volumes). Nothing while the workspace has only one environment.

export function EnvironmentScope({
  slug,
  path,
  environment,
  environments,
  all,
}: {
  slug: string;
  path: string;
  environment: string;
  environments: { environment: string; displayName: string }[];
  all: boolean;
}) {
  if (environments.length < 2) return null;
  const displayName = environments.find((e) => e.environment === environment)?.displayName ?? environment;
  const here = workspaceHref(slug, path, environment);
  const links = [
    { href: here, label: displayName, current: !all },
    { href: `${here}${here.includes("?") ? "&" : "?"}${SCOPE_PARAM}=all`, label: "All environments", current: all },
  ];
  return (
    <nav aria-label="Which environments" className="flex">
      <ul className="inline-flex gap-1 rounded-lg bg-slate-100 p-1 text-sm">
        {links.map((link) => (
          <li key={link.label}>
            <Link
              href={link.href}
              aria-current={link.current ? "page" : undefined}
              className="block rounded-md px-3 py-1.5 whitespace-nowrap text-slate-600 hover:text-slate-900 aria-[current=page]:bg-white aria-[current=page]:font-medium aria-[current=page]:text-slate-900 aria-[current=page]:shadow-xs"
            >
              {link.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
