// A log line without its ANSI escapes: what a search matches and what a copy of the line
// holds. Apart from ansi-text.tsx, so the logs page's first load has no ANSI parser in it.

/** Removes ANSI escapes. */
export function plainText(line: string): string {
  return line.includes("\u001b") ? line.replace(/\u001b\[[0-9;?]*[ -/]*[@-~]|\u001b[@-Z\\-_]/g, "") : line;
}
