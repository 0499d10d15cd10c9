import https from "node:https";
import type { IncomingMessage } from "node:http";
import * as k8s from "@kubernetes/client-node";

// A container's log as a byte stream, read with the identity of `kc` (for tenants, the
// member's impersonating kubeconfig from lib/kube/client). client-node's Log helper
// loses the API server's Status on a refusal and, when aborted, emits an error on a
// stream nobody listens to; this reads the log endpoint itself over the same agent and
// headers, and hands a refusal over as the ApiException that lib/kube/status reads.

export interface PodLogOptions {
  container: string;
  follow?: boolean;
  previous?: boolean;
  tailLines?: number;
  sinceSeconds?: number;
  sinceTime?: string;
  timestamps?: boolean;
  limitBytes?: number;
}

function logUrl(kc: k8s.KubeConfig, namespace: string, pod: string, options: PodLogOptions): URL {
  const cluster = kc.getCurrentCluster();
  if (!cluster) throw new Error("the kubeconfig has no current cluster");
  const url = new URL(
    `${cluster.server.replace(/\/$/, "")}/api/v1/namespaces/${encodeURIComponent(namespace)}/pods/${encodeURIComponent(pod)}/log`,
  );
  url.searchParams.set("container", options.container);
  if (options.follow) url.searchParams.set("follow", "true");
  if (options.previous) url.searchParams.set("previous", "true");
  if (options.timestamps) url.searchParams.set("timestamps", "true");
  if (options.tailLines !== undefined) url.searchParams.set("tailLines", String(options.tailLines));
  if (options.sinceSeconds !== undefined) url.searchParams.set("sinceSeconds", String(options.sinceSeconds));
  if (options.sinceTime !== undefined) url.searchParams.set("sinceTime", options.sinceTime);
  if (options.limitBytes !== undefined) url.searchParams.set("limitBytes", String(options.limitBytes));
  return url;
}

async function readAll(response: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of response) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/**
 * Opens the log of one container. Resolves once the API server has answered 200 with the
 * response to read (destroy it, or abort `signal`, to stop following); rejects with an
 * ApiException carrying the Status when the API server refuses.
 */
export async function openPodLog(
  kc: k8s.KubeConfig,
  namespace: string,
  pod: string,
  options: PodLogOptions,
  signal: AbortSignal,
): Promise<IncomingMessage> {
  const url = logUrl(kc, namespace, pod, options);
  const requestOptions: https.RequestOptions = { headers: {} };
  await kc.applyToHTTPSOptions(requestOptions);
  const response = await new Promise<IncomingMessage>((resolve, reject) => {
    const request = https.request(url, { ...requestOptions, method: "GET", signal }, resolve);
    request.on("error", reject);
    request.end();
  });
  if (response.statusCode === 200) return response;
  const body = await readAll(response).catch(() => "");
  let message = `pod log request failed with ${response.statusCode}`;
  try {
    message = (JSON.parse(body) as { message?: string }).message ?? message;
  } catch {
    // not a Status: keep the generic message
  }
  throw new k8s.ApiException(response.statusCode ?? 500, message, body, {});
}
