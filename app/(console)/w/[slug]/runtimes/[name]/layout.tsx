import { workspacePage } from "@/lib/auth/workspace-page";
import { can } from "@/lib/authz/permissions";
import { RuntimeNav } from "@/components/runtimes/runtime-nav";

// One runtime's pages share a tab strip. Logs is shown to every role (a viewer's page
// says why it stays empty); the terminal only to roles that may exec (runtime.exec).
export default async function RuntimeLayout({
  children,
  params,
}: {
  children: React.ReactNode;
  params: Promise<{ slug: string; name: string }>;
}) {
  const { slug, name } = await params;
  const { membership } = await workspacePage(slug);
  const base = `/w/${slug}/runtimes/${encodeURIComponent(name)}`;
  const tabs = [
    { href: base, label: "Overview", show: can(membership.role, "runtime.read") },
    { href: `${base}/logs`, label: "Logs", show: can(membership.role, "runtime.read") },
    { href: `${base}/terminal`, label: "Terminal", show: can(membership.role, "runtime.exec") },
  ].filter((tab) => tab.show);
  return (
    <>
      <RuntimeNav name={name} tabs={tabs.map(({ href, label }) => ({ href, label }))} />
      {children}
    </>
  );
}
