// A titled card, labelled by its own heading so assistive technology can list the sections.
// Pages use level 2; panels nested under a page's own h2 (a runtime's detail) use level 3.

const TONES = {
  default: { border: "border-slate-200", heading: "text-base font-semibold" },
  danger: { border: "border-red-200", heading: "text-base font-semibold text-red-800" },
} as const;

export function SectionCard({
  id,
  title,
  level = 2,
  tone = "default",
  children,
}: {
  id: string;
  title: React.ReactNode;
  level?: 2 | 3;
  tone?: keyof typeof TONES;
  children: React.ReactNode;
}) {
  const Heading = level === 2 ? "h2" : "h3";
  // Nested panels sit in a grid beside each other, so they may shrink and keep a tighter gap.
  const layout = level === 2 ? "gap-4" : "min-w-0 gap-3";
  return (
    <section
      aria-labelledby={id}
      className={`flex flex-col ${layout} rounded-xl border ${TONES[tone].border} bg-white p-4 sm:p-6`}
    >
      <Heading id={id} className={TONES[tone].heading}>
        {title}
      </Heading>
      {children}
    </section>
  );
}
