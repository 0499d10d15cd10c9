import { cn } from "@/components/ui/cn";

// Cards: the white panels every page is made of. A titled card is a section labelled by
// its own heading, so assistive technology can list the sections. Pages use level 2;
// panels nested under a page's own h2 (a runtime's detail) use level 3.

const TONES = {
  default: { border: "border-slate-200", heading: "text-base font-semibold" },
  danger: { border: "border-red-200", heading: "text-base font-semibold text-red-800" },
} as const;

const PADDING = { md: "p-4 sm:p-6", sm: "p-4", none: "" } as const;

export function cardClass({
  tone = "default",
  padding = "md",
  className,
}: { tone?: keyof typeof TONES; padding?: keyof typeof PADDING; className?: string } = {}): string {
  return cn("rounded-xl border bg-white", TONES[tone].border, PADDING[padding], className);
}

export function Card({
  tone,
  padding,
  className,
  ...props
}: { tone?: keyof typeof TONES; padding?: keyof typeof PADDING } & React.HTMLAttributes<HTMLDivElement>) {
  return <div className={cardClass({ tone, padding, className })} {...props} />;
}

export function SectionCard({
  id,
  title,
  level = 2,
  tone = "default",
  padding = "md",
  className,
  children,
}: {
  id: string;
  title: React.ReactNode;
  level?: 2 | 3;
  tone?: keyof typeof TONES;
  padding?: keyof typeof PADDING;
  className?: string;
  children: React.ReactNode;
}) {
  const Heading = level === 2 ? "h2" : "h3";
  // Nested panels sit in a grid beside each other, so they may shrink and keep a tighter gap.
  const layout = level === 2 ? "gap-4" : "min-w-0 gap-3";
  return (
    <section
      aria-labelledby={id}
      className={cardClass({ tone, padding, className: cn("flex flex-col", layout, className) })}
    >
      <Heading id={id} className={TONES[tone].heading}>
        {title}
      </Heading>
      {children}
    </section>
  );
}
