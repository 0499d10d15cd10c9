// CIDR blocks as the network policies need them: parsed, checked and compared. Pure.

export interface Cidr {
  family: 4 | 6;
  /** The first address of the block. */
  start: bigint;
  prefix: number;
  /** The block in canonical text, e.g. "10.0.0.0/8". */
  text: string;
}

const BITS = { 4: 32, 6: 128 } as const;

function parseIpv4(text: string): bigint | null {
  const parts = text.split(".");
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255)) return null;
  return parts.reduce((value, part) => (value << 8n) | BigInt(Number(part)), 0n);
}

function parseIpv6(text: string): bigint | null {
  if (!/^[0-9a-f:]+$/i.test(text) || text.split("::").length > 2) return null;
  const [head, tail] = text.includes("::") ? text.split("::") : [text, undefined];
  const groups = (part: string | undefined) => (part ? part.split(":") : []);
  const left = groups(head);
  const right = groups(tail);
  const missing = 8 - left.length - right.length;
  if (tail === undefined ? missing !== 0 : missing < 1) return null;
  const all = [...left, ...Array<string>(tail === undefined ? 0 : missing).fill("0"), ...right];
  if (!all.every((g) => /^[0-9a-f]{1,4}$/i.test(g))) return null;
  return all.reduce((value, group) => (value << 16n) | BigInt(parseInt(group, 16)), 0n);
}

function formatAddress(family: 4 | 6, value: bigint): string {
  if (family === 4) return [24n, 16n, 8n, 0n].map((shift) => String((value >> shift) & 255n)).join(".");
  const groups = [112n, 96n, 80n, 64n, 48n, 32n, 16n, 0n].map((shift) => ((value >> shift) & 0xffffn).toString(16));
  // RFC 5952: the longest run of two or more zero groups (the first of equals) becomes "::".
  let best = { at: -1, length: 1 };
  for (let i = 0; i < 8; i++) {
    let length = 0;
    while (groups[i + length] === "0") length++;
    if (length > best.length) best = { at: i, length };
  }
  if (best.at < 0) return groups.join(":");
  return `${groups.slice(0, best.at).join(":")}::${groups.slice(best.at + best.length).join(":")}`;
}

/** The block, or null when `text` is not a CIDR (an address without a prefix length is not). */
export function parseCidr(text: string): Cidr | null {
  const match = /^([^/]+)\/(\d{1,3})$/.exec(text.trim());
  if (!match) return null;
  const v4 = parseIpv4(match[1]!);
  const family = v4 === null ? 6 : 4;
  const address = v4 ?? parseIpv6(match[1]!);
  const prefix = Number(match[2]);
  if (address === null || prefix > BITS[family]) return null;
  const hostBits = BigInt(BITS[family] - prefix);
  const start = (address >> hostBits) << hostBits;
  return { family, start, prefix, text: `${formatAddress(family, start)}/${prefix}` };
}

/** Like parseCidr, for values the configuration has already checked. */
export function cidr(text: string): Cidr {
  const parsed = parseCidr(text);
  if (!parsed) throw new Error(`not a CIDR block: ${text}`);
  return parsed;
}

/** True when every address of `inner` is in `outer`. */
export function containsCidr(outer: Cidr, inner: Cidr): boolean {
  if (outer.family !== inner.family || inner.prefix < outer.prefix) return false;
  const hostBits = BigInt(BITS[outer.family] - outer.prefix);
  return inner.start >> hostBits === outer.start >> hostBits;
}

/** The blocks of one family without those inside another one, in a stable order. */
export function coveringBlocks(blocks: Cidr[], family: 4 | 6): Cidr[] {
  const ofFamily = blocks.filter((b) => b.family === family);
  const unique = [...new Map(ofFamily.map((b) => [b.text, b])).values()];
  return unique
    .filter((b) => !unique.some((other) => other !== b && containsCidr(other, b)))
    .sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : a.prefix - b.prefix));
}
