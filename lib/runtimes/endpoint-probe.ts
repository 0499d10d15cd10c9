import { lookup } from "node:dns/promises";
import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import { checkServerIdentity, type DetailedPeerCertificate, type TLSSocket } from "node:tls";

// Probes a public endpoint the way a visitor reaches it: a connection to the address the
// host leads to, TLS with the host as the server name (SNI), and one GET / with the host
// as Host header, within a short timeout. It reports what it met: the certificate served
// (trusted? covering the host? in its validity period?), the HTTP status, or the error.

export const PROBE_TIMEOUT_MS = 3_000;

export interface CertificateFacts {
  subject: string;
  issuer: string;
  validFrom: string;
  validTo: string;
  /** The names it is valid for (subjectAltName DNS entries, else the common name). */
  names: string[];
  coversHost: boolean;
  /** Chains to a certificate authority the portal trusts. */
  trusted: boolean;
  /** Why it is not trusted (OpenSSL's code, e.g. DEPTH_ZERO_SELF_SIGNED_CERT), else null. */
  trustError: string | null;
  expired: boolean;
  notYetValid: boolean;
}

export interface ProbeResult {
  /** The address connected to, host:port. */
  target: string;
  certificate: CertificateFacts | null;
  /** The HTTP status code of GET /, or null when there was no answer. */
  status: number | null;
  statusText: string | null;
  /** What went wrong when there was no answer, in words. */
  error: string | null;
}

/**
 * The address a host name leads to. Names under `localhost` are the loopback address
 * (RFC 6761), as browsers resolve them; others go to the system resolver.
 */
export async function resolveHost(host: string): Promise<{ address: string } | { error: string }> {
  if (host === "localhost" || host.endsWith(".localhost")) return { address: "127.0.0.1" };
  try {
    return { address: (await lookup(host)).address };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return {
      error: code === "ENOTFOUND" ? `${host} does not resolve (no DNS record)` : `resolving ${host} failed (${code})`,
    };
  }
}

/** One value of a certificate's name field (Node gives an array when the field repeats). */
function first(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? value[0] : value) ?? "";
}

function certificateFacts(socket: TLSSocket, host: string): CertificateFacts | null {
  const cert = socket.getPeerCertificate(false) as DetailedPeerCertificate;
  if (!cert || Object.keys(cert).length === 0) return null;
  const names = (cert.subjectaltname ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter((entry) => entry.startsWith("DNS:"))
    .map((entry) => entry.slice(4));
  const now = Date.now();
  const authorizationError = socket.authorizationError as unknown as Error | string | null;
  return {
    subject: first(cert.subject?.CN),
    issuer: first(cert.issuer?.CN) || first(cert.issuer?.O),
    validFrom: new Date(cert.valid_from).toISOString(),
    validTo: new Date(cert.valid_to).toISOString(),
    names: names.length ? names : first(cert.subject?.CN) ? [first(cert.subject?.CN)] : [],
    coversHost: checkServerIdentity(host, cert) === undefined,
    trusted: socket.authorized,
    trustError: socket.authorized
      ? null
      : String(
          (typeof authorizationError === "object" && authorizationError && "code" in authorizationError
            ? authorizationError.code
            : authorizationError) ?? "untrusted",
        ),
    expired: new Date(cert.valid_to).getTime() < now,
    notYetValid: new Date(cert.valid_from).getTime() > now,
  };
}

function describeError(error: NodeJS.ErrnoException, target: string): string {
  switch (error.code) {
    case "ECONNREFUSED":
      return `connection refused at ${target}`;
    case "ECONNRESET":
      return `the connection to ${target} was reset`;
    case "EHOSTUNREACH":
    case "ENETUNREACH":
      return `no route to ${target}`;
    case "ETIMEDOUT":
      return `no answer from ${target} within ${PROBE_TIMEOUT_MS / 1000} s`;
    default:
      return error.code ? `${error.code} at ${target}` : `the request to ${target} failed`;
  }
}

/** GET / on `host` through `address` (HTTPS unless `tls` is false), with the host as server name and Host header. */
export function probeEndpoint(options: {
  host: string;
  address: string;
  tls: boolean;
  port?: number;
  /** Certificate authorities to trust instead of the default ones (tests). */
  ca?: string | Buffer;
  timeoutMs?: number;
}): Promise<ProbeResult> {
  const port = options.port ?? (options.tls ? 443 : 80);
  const target = `${options.address.includes(":") ? `[${options.address}]` : options.address}:${port}`;
  const timeoutMs = options.timeoutMs ?? PROBE_TIMEOUT_MS;
  return new Promise((resolve) => {
    let certificate: CertificateFacts | null = null;
    let settled = false;
    const finish = (result: Omit<ProbeResult, "target" | "certificate">) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.destroy();
      resolve({ target, certificate, ...result });
    };
    const common = {
      host: options.address,
      port,
      path: "/",
      method: "GET",
      agent: false as const,
      headers: { Host: options.host, "User-Agent": "canopy-endpoint-probe", Accept: "*/*" },
    };
    const req = options.tls
      ? httpsRequest({
          ...common,
          servername: options.host,
          // Reachability is judged apart from trust: the certificate is reported, not enforced.
          rejectUnauthorized: false,
          ...(options.ca ? { ca: options.ca } : {}),
        })
      : httpRequest(common);
    const timer = setTimeout(
      () => finish({ status: null, statusText: null, error: `no answer from ${target} within ${timeoutMs / 1000} s` }),
      timeoutMs,
    );
    req.on("socket", (socket) => {
      socket.on("secureConnect", () => {
        certificate = certificateFacts(socket as TLSSocket, options.host);
      });
    });
    req.on("response", (response) => {
      response.resume();
      finish({ status: response.statusCode ?? null, statusText: response.statusMessage ?? null, error: null });
    });
    req.on("error", (error: NodeJS.ErrnoException) =>
      finish({ status: null, statusText: null, error: describeError(error, target) }),
    );
    req.end();
  });
}
