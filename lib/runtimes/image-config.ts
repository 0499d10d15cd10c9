import { env } from "@/lib/config/env";

// An image's configuration (its USER and EXPOSED ports), read from its registry with the
// OCI distribution API: the manifest (through an index, the linux/amd64 one), then the
// config blob. Only registries the operator lists (CANOPY_IMAGE_CONFIG_REGISTRIES) are
// asked, anonymously, with a short timeout; anything else is "could not check", with why.

export type ImageConfigResult = { ok: true; user: string; exposedPorts: number[] } | { ok: false; reason: string };

const MANIFEST_TYPES = [
  "application/vnd.oci.image.index.v1+json",
  "application/vnd.docker.distribution.manifest.list.v2+json",
  "application/vnd.oci.image.manifest.v1+json",
  "application/vnd.docker.distribution.manifest.v2+json",
].join(", ");
const TIMEOUT_MS = 2_000;

export interface ImageReference {
  registry: string;
  repository: string;
  reference: string;
}

/** Splits "host[:port]/repo[:tag|@digest]"; Docker Hub names get docker.io and library/. */
export function parseImageReference(image: string): ImageReference {
  let rest = image.trim();
  let reference = "latest";
  const at = rest.indexOf("@");
  if (at >= 0) {
    reference = rest.slice(at + 1);
    rest = rest.slice(0, at);
  } else {
    const colon = rest.lastIndexOf(":");
    if (colon > rest.lastIndexOf("/")) {
      reference = rest.slice(colon + 1);
      rest = rest.slice(0, colon);
    }
  }
  const slash = rest.indexOf("/");
  const first = slash >= 0 ? rest.slice(0, slash) : "";
  if (slash >= 0 && (first.includes(".") || first.includes(":") || first === "localhost")) {
    return { registry: first, repository: rest.slice(slash + 1), reference };
  }
  return { registry: "docker.io", repository: slash >= 0 ? rest : `library/${rest}`, reference };
}

function baseUrl(registry: string): string {
  const local = /^(localhost|127\.0\.0\.1)(:\d+)?$/.test(registry);
  return `${local ? "http" : "https"}://${registry}`;
}

async function getJson(url: string, accept: string): Promise<Record<string, unknown>> {
  const response = await fetch(url, { headers: { accept }, signal: AbortSignal.timeout(TIMEOUT_MS) });
  if (response.status === 401) throw new Error("the registry asks for credentials");
  if (response.status === 404) throw new Error("the registry has no such image");
  if (!response.ok) throw new Error(`the registry answered ${response.status}`);
  return (await response.json()) as Record<string, unknown>;
}

interface Descriptor {
  digest: string;
  platform?: { os?: string; architecture?: string };
}

export async function readImageConfig(image: string): Promise<ImageConfigResult> {
  const ref = parseImageReference(image);
  if (!env().CANOPY_IMAGE_CONFIG_REGISTRIES.includes(ref.registry)) {
    return { ok: false, reason: `Canopy does not read image configurations from ${ref.registry}` };
  }
  const base = `${baseUrl(ref.registry)}/v2/${ref.repository}`;
  try {
    let manifest = await getJson(`${base}/manifests/${ref.reference}`, MANIFEST_TYPES);
    if (Array.isArray(manifest.manifests)) {
      const entries = manifest.manifests as Descriptor[];
      const chosen =
        entries.find((m) => m.platform?.os === "linux" && m.platform.architecture === "amd64") ??
        entries.find((m) => m.platform?.os === "linux");
      if (!chosen) return { ok: false, reason: "the image has no linux variant" };
      manifest = await getJson(`${base}/manifests/${chosen.digest}`, MANIFEST_TYPES);
    }
    const configDigest = (manifest.config as Descriptor | undefined)?.digest;
    if (!configDigest) return { ok: false, reason: "the image's manifest names no configuration" };
    const blob = await getJson(`${base}/blobs/${configDigest}`, "application/json");
    const config = (blob.config ?? {}) as { User?: string; ExposedPorts?: Record<string, unknown> };
    return {
      ok: true,
      user: config.User ?? "",
      exposedPorts: Object.keys(config.ExposedPorts ?? {})
        .map((key) => Number.parseInt(key, 10))
        .filter((port) => Number.isInteger(port)),
    };
  } catch (error) {
    const reason =
      error instanceof Error && error.name === "TimeoutError"
        ? `${ref.registry} did not answer in time`
        : error instanceof Error && error.message.startsWith("the registry")
          ? error.message
          : `${ref.registry} could not be reached`;
    return { ok: false, reason };
  }
}
