import { createHash } from "node:crypto";

// Pushes a tiny image (a configuration, no layers) to the local registry with the OCI
// distribution API, for tests that read image configurations. Each test names its own
// repository under canopy-test/, so nothing the stack's images use is touched.

const REGISTRY = "127.0.0.1:5000";

async function pushBlob(repository: string, body: Buffer): Promise<{ digest: string; size: number }> {
  const digest = `sha256:${createHash("sha256").update(body).digest("hex")}`;
  const start = await fetch(`http://${REGISTRY}/v2/${repository}/blobs/uploads/`, { method: "POST" });
  if (start.status !== 202) throw new Error(`blob upload refused: ${start.status}`);
  const location = new URL(start.headers.get("location")!, `http://${REGISTRY}`);
  location.searchParams.set("digest", digest);
  const put = await fetch(location, {
    method: "PUT",
    headers: { "content-type": "application/octet-stream" },
    body: new Uint8Array(body),
  });
  if (put.status !== 201) throw new Error(`blob upload failed: ${put.status}`);
  return { digest, size: body.length };
}

/** Pushes `repository:tag` whose configuration is `config` (User, ExposedPorts, ...); returns its reference. */
export async function pushTestImage(repository: string, tag: string, config: Record<string, unknown>): Promise<string> {
  const configBlob = Buffer.from(
    JSON.stringify({ architecture: "amd64", os: "linux", config, rootfs: { type: "layers", diff_ids: [] } }),
  );
  const { digest, size } = await pushBlob(repository, configBlob);
  const manifest = {
    schemaVersion: 2,
    mediaType: "application/vnd.oci.image.manifest.v1+json",
    config: { mediaType: "application/vnd.oci.image.config.v1+json", digest, size },
    layers: [],
  };
  const put = await fetch(`http://${REGISTRY}/v2/${repository}/manifests/${tag}`, {
    method: "PUT",
    headers: { "content-type": manifest.mediaType },
    body: JSON.stringify(manifest),
  });
  if (put.status !== 201) throw new Error(`manifest upload failed: ${put.status} ${await put.text()}`);
  return `${REGISTRY}/${repository}:${tag}`;
}
