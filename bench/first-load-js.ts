import { readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";

// First-load JavaScript of a route, read from what the server actually sends: the
// <script src> tags of the route's HTML (what a browser fetches before the page is
// interactive), each file gzipped from the build output at zlib's default level, summed.
// Next 16 no longer prints "First Load JS" after a build.

export interface FirstLoadJs {
  files: number;
  rawBytes: number;
  gzipBytes: number;
}

/**
 * The same-origin script URLs of an HTML document, each once, in document order. A
 * `noModule` script (Next's polyfills) is skipped: browsers that run modules never fetch it.
 * Chunks named in the inline RSC payload count too: a webpack build (`next build --webpack`)
 * gives the page's client-component chunks no <script> tag and loads them from that payload
 * before hydrating, so counting tags alone would leave them out (Turbopack tags them all).
 */
export function scriptSources(html: string): string[] {
  // Keyed by the decoded path: tags percent-encode "[slug]", the payload does not.
  const sources = new Map<string, string>();
  const add = (src: string) => {
    const key = decodeURIComponent(src);
    if (!sources.has(key)) sources.set(key, src);
  };
  for (const match of html.matchAll(/<script\b([^>]*)>/g)) {
    const attributes = match[1]!;
    if (/\snomodule\b/i.test(attributes)) continue;
    const src = /\ssrc="([^"]+)"/.exec(attributes)?.[1]?.replace(/&amp;/g, "&");
    if (src?.startsWith("/_next/static/")) add(src);
  }
  // In the payload the chunk paths are JSON strings inside a JS string: \"static/chunks/….js\".
  for (const match of html.matchAll(/\\"(?:\/_next\/)?(static\/chunks\/[^"\\]+\.js)\\"/g)) {
    add(`/_next/${match[1]!}`);
  }
  return [...sources.values()];
}

/** Sums the scripts' sizes from `distDir`/static (the files `/_next/static/...` serves). */
export function firstLoadJs(root: string, distDir: string, html: string): FirstLoadJs {
  const sources = scriptSources(html);
  if (sources.length === 0) throw new Error("the page loads no scripts from /_next/static: not a Next.js page?");
  let rawBytes = 0;
  let gzipBytes = 0;
  for (const src of sources) {
    const relative = decodeURIComponent(src.slice("/_next/static/".length).split("?")[0]!);
    const content = readFileSync(path.join(root, distDir, "static", relative));
    rawBytes += content.length;
    gzipBytes += gzipSync(content).length;
  }
  return { files: sources.length, rawBytes, gzipBytes };
}
