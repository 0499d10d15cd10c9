import { SectionLink } from "@/components/workspace/section-link";

export function WorkspaceTabs({
  tabs,
  label = "Workspace",
}: {
  tabs: { href: string; label: string }[];
  label?: string;
}) {
  return (
    // On a phone the strip scrolls sideways: its right edge fades out (more tabs lie beyond),
    // and a thin scrollbar shows under it.
    <nav
      aria-label={label}
      className="-mx-4 [scrollbar-width:thin] overflow-x-auto border-b border-slate-200 [mask-image:linear-gradient(to_right,#000_calc(100%-2.5rem),transparent)] px-4 md:mx-0 md:[mask-image:none] md:px-0"
    >
      <ul className="flex gap-4 pr-10 md:pr-0">
        {tabs.map((tab, index) => (
          <li key={tab.href}>
            <SectionLink
              href={tab.href}
              root={index === 0}
              className="aria-[current=page]:border-brand-600 block border-b-2 border-transparent py-2 text-sm whitespace-nowrap text-slate-600 hover:text-slate-900 aria-[current=page]:font-medium aria-[current=page]:text-slate-900"
            >
              {tab.label}
            </SectionLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
