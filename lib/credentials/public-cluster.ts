import { readFileSync } from "node:fs";
import { env } from "@/lib/config/env";
import { adminKubeConfig } from "@/lib/kube/client";

export interface PublicCluster {
  server: string;
  /** Base64 PEM of the CA that signed the API server's certificate. */
  certificateAuthorityData: string;
}

let cached: PublicCluster | undefined;

/**
 * The API endpoint members' kubeconfigs point at: the operator's public endpoint and CA,
 * or by default the cluster connection the portal itself uses.
 */
export function publicCluster(): PublicCluster {
  if (!cached) {
    const config = env();
    const own = adminKubeConfig().getCurrentCluster();
    const caFromFile = config.CANOPY_PUBLIC_API_CA_FILE
      ? readFileSync(config.CANOPY_PUBLIC_API_CA_FILE).toString("base64")
      : undefined;
    const caFromOwn = own?.caData ?? (own?.caFile ? readFileSync(own.caFile).toString("base64") : undefined);
    const server = config.CANOPY_PUBLIC_API_SERVER ?? own?.server;
    const certificateAuthorityData = caFromFile ?? caFromOwn;
    if (!server || !certificateAuthorityData) {
      throw new Error("Set CANOPY_PUBLIC_API_SERVER and CANOPY_PUBLIC_API_CA_FILE: the cluster has no usable default");
    }
    cached = { server, certificateAuthorityData };
  }
  return cached;
}
