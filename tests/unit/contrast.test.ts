import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

// The text colours the UI primitives and pages put on their backgrounds, checked against
// WCAG AA (4.5:1 for text) in the light theme (Tailwind's palette and our brand colours) and
// in the dark theme (app/globals.css turns the palette around when the system asks for dark).

const root = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url));
const tailwindTheme = readFileSync(root("node_modules/tailwindcss/theme.css"), "utf8");
const globals = readFileSync(root("app/globals.css"), "utf8");

function variables(css: string): Map<string, string> {
  return new Map([...css.matchAll(/--color-([a-z]+(?:-\d+)?):\s*([^;]+);/g)].map((m) => [m[1]!, m[2]!.trim()]));
}

const darkBlock = globals.slice(globals.indexOf("@media (prefers-color-scheme: dark)"));
const light = new Map([...variables(tailwindTheme), ...variables(globals.slice(0, globals.indexOf("@media")))]);
const dark = new Map([...light, ...variables(darkBlock)]);

/** Linear sRGB channels of a CSS colour in hex or oklch(). */
function linearRgb(color: string): [number, number, number] {
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(color);
  if (hex) {
    const digits = hex[1]!.length === 3 ? [...hex[1]!].map((d) => d + d).join("") : hex[1]!;
    return [0, 2, 4].map((i) => {
      const c = parseInt(digits.slice(i, i + 2), 16) / 255;
      return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    }) as [number, number, number];
  }
  const ok = /^oklch\(([\d.]+)%\s+([\d.]+)\s+([\d.]+)\)$/.exec(color);
  if (!ok) throw new Error(`cannot read colour ${color}`);
  const l = Number(ok[1]) / 100;
  const c = Number(ok[2]);
  const h = (Number(ok[3]) * Math.PI) / 180;
  const a = c * Math.cos(h);
  const b = c * Math.sin(h);
  const l_ = (l + 0.3963377774 * a + 0.2158037573 * b) ** 3;
  const m_ = (l - 0.1055613458 * a - 0.0638541728 * b) ** 3;
  const s_ = (l - 0.0894841775 * a - 1.291485548 * b) ** 3;
  const clamp = (x: number) => Math.min(1, Math.max(0, x));
  return [
    clamp(4.0767416621 * l_ - 3.3077115913 * m_ + 0.2309699292 * s_),
    clamp(-1.2684380046 * l_ + 2.6097574011 * m_ - 0.3413193965 * s_),
    clamp(-0.0041960863 * l_ - 0.7034186147 * m_ + 1.707614701 * s_),
  ];
}

function luminance(color: string): number {
  const [r, g, b] = linearRgb(color);
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(palette: Map<string, string>, fg: string, bg: string): number {
  const [a, b] = [luminance(palette.get(fg)!), luminance(palette.get(bg)!)];
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}

// [text, background]: what the pages and components/ui actually pair.
const PAIRS: [string, string][] = [
  ["slate-900", "white"], // body text on cards
  ["slate-900", "slate-50"], // body text on the page
  ["slate-800", "white"], // labels, secondary buttons
  ["slate-700", "white"],
  ["slate-600", "white"], // descriptions
  ["slate-600", "slate-50"],
  ["slate-500", "white"], // hints
  ["slate-700", "slate-100"], // neutral badge, code
  ["white", "brand-700"], // primary button (brand-600 is too light for white text: 3.8:1)
  ["white", "brand-800"], // primary button, hovered
  ["white", "red-600"], // danger button
  ["white", "red-700"], // danger button, hovered
  ["brand-700", "white"], // links
  ["brand-800", "brand-50"], // success messages and badges
  ["red-700", "white"], // field errors
  ["red-700", "red-50"], // danger outline, hovered
  ["red-800", "red-50"], // error messages, danger badge
  ["amber-800", "amber-50"], // warning badge
  ["amber-900", "amber-50"], // warning notices
  ["sky-800", "sky-50"], // info badge
];

describe.each([
  ["light", light],
  ["dark", dark],
])("the %s theme", (_, palette) => {
  it.each(PAIRS)("%s text on %s meets WCAG AA", (fg, bg) => {
    expect(contrast(palette, fg, bg)).toBeGreaterThanOrEqual(4.5);
  });
});
