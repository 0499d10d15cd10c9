import { memo } from "react";
import Anser from "anser";
import { cn } from "@/components/ui/cn";

// One log line with its ANSI colours and styles. Anser parses the escapes into text runs;
// React renders each run as text, so nothing in a log is ever read as HTML. The 16 basic
// colours use the palette (readable on the log's background in both themes); 256-colour
// and true-colour runs keep their own colour. Rendered by the server (the lines in the logs
// page's HTML) and by the live view, which loads after the page (log-lines.tsx).

const BASIC: Record<string, string> = {
  "ansi-black": "text-slate-900",
  "ansi-red": "text-red-700",
  "ansi-green": "text-green-700 dark:text-green-300",
  "ansi-yellow": "text-amber-700",
  "ansi-blue": "text-blue-700 dark:text-blue-300",
  "ansi-magenta": "text-fuchsia-700 dark:text-fuchsia-300",
  "ansi-cyan": "text-cyan-700 dark:text-cyan-300",
  "ansi-white": "text-slate-500",
  "ansi-bright-black": "text-slate-600",
  "ansi-bright-red": "text-red-600",
  "ansi-bright-green": "text-green-600 dark:text-green-400",
  "ansi-bright-yellow": "text-amber-500",
  "ansi-bright-blue": "text-blue-600 dark:text-blue-400",
  "ansi-bright-magenta": "text-fuchsia-600 dark:text-fuchsia-400",
  "ansi-bright-cyan": "text-cyan-600 dark:text-cyan-400",
  "ansi-bright-white": "text-slate-400",
};

const BASIC_RGB = [
  "0, 0, 0",
  "187, 0, 0",
  "0, 187, 0",
  "187, 187, 0",
  "0, 0, 187",
  "187, 0, 187",
  "0, 187, 187",
  "255, 255, 255",
  "85, 85, 85",
  "255, 85, 85",
  "0, 255, 0",
  "255, 255, 85",
  "85, 85, 255",
  "255, 85, 255",
  "85, 255, 255",
  "255, 255, 255",
];
const BASIC_NAMES = Object.keys(BASIC);

/** xterm's 256-colour palette: 16 basic colours, a 6×6×6 cube, 24 greys. */
function paletteRgb(index: number): string {
  if (index < 16) return BASIC_RGB[index]!;
  if (index >= 232) {
    const grey = 8 + (index - 232) * 10;
    return `${grey}, ${grey}, ${grey}`;
  }
  const cube = index - 16;
  const level = (n: number) => (n === 0 ? 0 : 55 + n * 40);
  return `${level(Math.floor(cube / 36))}, ${level(Math.floor(cube / 6) % 6)}, ${level(cube % 6)}`;
}

/** The colour of a run as a class (basic colours) or an rgb value (the rest). */
function colourOf(name: string | null, truecolor: string | null): { className?: string; rgb?: string } {
  if (!name) return {};
  if (name === "ansi-truecolor") return truecolor ? { rgb: truecolor } : {};
  if (BASIC[name]) return { className: BASIC[name] };
  const palette = /^ansi-palette-(\d+)$/.exec(name);
  return palette ? { rgb: paletteRgb(Number(palette[1])) } : {};
}

function backgroundOf(name: string | null, truecolor: string | null): string | undefined {
  if (!name) return undefined;
  if (name === "ansi-truecolor") return truecolor ?? undefined;
  const basic = BASIC_NAMES.indexOf(name);
  if (basic >= 0) return BASIC_RGB[basic];
  const palette = /^ansi-palette-(\d+)$/.exec(name);
  return palette ? paletteRgb(Number(palette[1])) : undefined;
}

const DECORATIONS: Record<string, string> = {
  bold: "font-semibold",
  dim: "opacity-70",
  italic: "italic",
  underline: "underline",
  strikethrough: "line-through",
  hidden: "invisible",
};

/** `text` with each case-insensitive occurrence of `query` marked. */
function highlighted(text: string, query: string): React.ReactNode {
  if (!query) return text;
  const lower = text.toLowerCase();
  const parts: React.ReactNode[] = [];
  let from = 0;
  for (let at = lower.indexOf(query); at !== -1; at = lower.indexOf(query, at + query.length)) {
    if (at > from) parts.push(text.slice(from, at));
    parts.push(
      <mark key={at} className="rounded-sm bg-amber-200 text-inherit">
        {text.slice(at, at + query.length)}
      </mark>,
    );
    from = at + query.length;
  }
  if (from < text.length) parts.push(text.slice(from));
  return parts;
}

function Run({ entry, query }: { entry: Anser.AnserJsonEntry; query: string }) {
  const fg = colourOf(entry.fg, entry.fg_truecolor);
  const bg = backgroundOf(entry.bg, entry.bg_truecolor);
  const classes = cn(fg.className, ...entry.decorations.map((d) => DECORATIONS[d]));
  const style = fg.rgb || bg ? { color: fg.rgb && `rgb(${fg.rgb})`, backgroundColor: bg && `rgb(${bg})` } : undefined;
  if (!classes && !style) return <>{highlighted(entry.content, query)}</>;
  return (
    <span className={classes || undefined} style={style}>
      {highlighted(entry.content, query)}
    </span>
  );
}

/** One line, coloured; `query` (lower case) marks what the search matched. */
export const AnsiText = memo(function AnsiText({ line, query }: { line: string; query: string }) {
  if (!line.includes("\u001b")) return <>{highlighted(line, query)}</>;
  const entries = Anser.ansiToJson(line, { use_classes: true, remove_empty: true });
  return (
    <>
      {entries.map((entry, i) => (
        <Run key={i} entry={entry} query={query} />
      ))}
    </>
  );
});
