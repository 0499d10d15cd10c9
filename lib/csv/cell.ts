/**
 * One CSV cell: every cell quoted; a leading =, +, - or @ is neutralised so that
 * spreadsheets do not run it as a formula.
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@]/.test(value) ? `'${value}` : value;
  return `"${safe.replace(/"/g, '""')}"`;
}
