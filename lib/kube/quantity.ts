// Kubernetes resource quantities ("500m", "4Gi", "1.5", "2e3") as plain numbers of base
// units (cores, bytes, counts). client-node's own quantityToScalar is not exported from
// the package and rejects fractional binary quantities such as "1.5Gi", hence this one.

const SUFFIX_FACTORS: Record<string, number> = {
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  "": 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};

// sign, number, then a binary or decimal SI suffix or a decimal exponent (apimachinery's grammar).
const QUANTITY = /^([+-]?)(\d+(?:\.\d*)?|\.\d+)(?:(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)|[eE]([+-]?\d+))?$/;

/** Parses a quantity to base units; throws on anything that is not a quantity. */
export function parseQuantity(quantity: string): number {
  const match = QUANTITY.exec(quantity.trim());
  if (!match) throw new Error(`not a Kubernetes quantity: ${JSON.stringify(quantity)}`);
  const [, sign, digits, suffix, exponent] = match;
  const magnitude = Number(digits);
  const factor = exponent !== undefined ? 10 ** Number(exponent) : SUFFIX_FACTORS[suffix ?? ""]!;
  // Divide for the small suffixes so that "100m" is exactly 0.1, not 0.1 plus float noise.
  const value = factor < 1 ? magnitude / Math.round(1 / factor) : magnitude * factor;
  return sign === "-" ? -value : value;
}
