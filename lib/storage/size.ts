// Volume sizes: bytes in, words and canonical quantities out. Pure, so the create form
// can preview the same numbers the server checks.

export const MiB = 2 ** 20;
export const GiB = 2 ** 30;

/** "10 GiB", "1.5 GiB", "512 MiB": how sizes are shown to people. */
export function formatBytes(bytes: number): string {
  if (bytes >= GiB || bytes === 0) return `${Number((bytes / GiB).toFixed(2))} GiB`;
  return `${Number((bytes / MiB).toFixed(2))} MiB`;
}

/** The quantity Canopy writes for a whole number of MiB: "10Gi" when it divides evenly, else "1536Mi". */
export function toQuantity(bytes: number): string {
  const mebibytes = Math.round(bytes / MiB);
  return mebibytes % 1024 === 0 ? `${mebibytes / 1024}Gi` : `${mebibytes}Mi`;
}
