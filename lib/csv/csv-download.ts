/**
 * A CSV file as a download response; `truncated` (the newest rows only) is said in the
 * X-Canopy-Truncated header.
 */
export function csvDownload(file: { filename: string; body: string; truncated?: boolean }): Response {
  return new Response(file.body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${file.filename}"`,
      "Cache-Control": "no-store",
      ...(file.truncated ? { "X-Canopy-Truncated": "true" } : {}),
    },
  });
}
