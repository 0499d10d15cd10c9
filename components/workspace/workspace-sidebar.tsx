import { SectionLink } from "@/components/workspace/section-link";

// A workspace's sections down the left on wide screens (the tab strip shows them on phones).
export function WorkspaceSidebar({
  name,
  sections,
  label = "Workspace",
}: {
  name: string;
  sections: { href: string; label: string }[];
  label?: string;
}) {
  return (
    <nav aria-label={label} className="hidden w-48 shrink-0 md:block">
      <div className="sticky top-20 flex flex-col gap-1">
        <p className="truncate px-3 pb-1 text-xs font-semibold tracking-wide text-slate-500 uppercase">{name}</p>
        <ul className="flex flex-col gap-0.5">
          {sections.map((section, index) => (
            <li key={section.href}>
              <SectionLink
                href={section.href}
                root={index === 0}
                className="aria-[current=page]:bg-brand-50 aria-[current=page]:text-brand-800 block truncate rounded-md px-3 py-2 text-sm text-slate-700 hover:bg-slate-100 aria-[current=page]:font-medium"
              >
                {section.label}
              </SectionLink>
            </li>
          ))}
        </ul>
      </div>
    </nav>
  );
}
