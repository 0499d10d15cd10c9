import type { CertificateFacts, ProbeResult } from "@/lib/runtimes/endpoint-probe";

// The words for a public endpoint's readiness, shared by the preflight (before the runtime
// exists) and the runtime page (live): each check is ready, waiting or failed, with what
// it found and what to change when it is not ready. Pure functions of what was observed.

export type CheckState = "ready" | "waiting" | "failed";

export interface EndpointCheck {
  id: "address" | "certificate" | "reachable";
  label: string;
  state: CheckState;
  detail: string;
  /** What to change (and who can), when not ready. */
  fix: string | null;
}

const day = (iso: string) => iso.slice(0, 10);
const OPERATOR = "the platform operator";

export function wildcardAdvice(baseDomain: string): string {
  return (
    `Ask ${OPERATOR} to give the ingress controller a certificate for *.${baseDomain} from a trusted authority ` +
    "(its default certificate, or an issuer such as cert-manager). Until then browsers warn before opening the address."
  );
}

/** The certificate served for `host`: ready when trusted, current and covering the host. */
export function certificateCheck(
  host: string,
  baseDomain: string,
  tls: boolean,
  probe: Pick<ProbeResult, "certificate" | "error"> | null,
): EndpointCheck {
  const label = "Certificate";
  if (!tls) {
    return {
      id: "certificate",
      label,
      state: "ready",
      detail: "None: this endpoint is served over plain HTTP.",
      fix: null,
    };
  }
  const cert: CertificateFacts | null = probe?.certificate ?? null;
  if (!cert) {
    return {
      id: "certificate",
      label,
      state: "waiting",
      detail: `Could not be checked: ${probe?.error ?? "no TLS connection was made"}.`,
      fix: "It is checked again as soon as the address answers.",
    };
  }
  const who = `${cert.subject || "no subject"}, issued by ${cert.issuer || "an unnamed issuer"}`;
  const problems: string[] = [];
  if (cert.expired) problems.push(`it expired on ${day(cert.validTo)}`);
  if (cert.notYetValid) problems.push(`it is valid only from ${day(cert.validFrom)}`);
  if (!cert.coversHost) problems.push(`it does not cover ${host} (it names ${cert.names.join(", ") || "no host"})`);
  if (!cert.trusted) {
    problems.push(
      cert.trustError === "DEPTH_ZERO_SELF_SIGNED_CERT" || cert.trustError === "SELF_SIGNED_CERT_IN_CHAIN"
        ? "it is self-signed"
        : `it is not from a trusted authority (${cert.trustError})`,
    );
  }
  if (problems.length === 0) {
    return {
      id: "certificate",
      label,
      state: "ready",
      detail: `Valid until ${day(cert.validTo)} for ${host} (${who}).`,
      fix: null,
    };
  }
  return {
    id: "certificate",
    label,
    state: "failed",
    detail: `The certificate served (${who}) is not valid for this address: ${problems.join("; ")}.`,
    fix: cert.expired ? `Ask ${OPERATOR} to renew the certificate for *.${baseDomain}.` : wildcardAdvice(baseDomain),
  };
}

/** Whether GET / through the ingress got an answer from the runtime. */
export function reachableCheck(
  probe: Pick<ProbeResult, "status" | "statusText" | "error" | "target">,
  pods: { ready: number; desired: number },
): EndpointCheck {
  const label = "Reachable";
  const noPods =
    pods.desired === 0
      ? "The runtime is stopped (0 replicas): start it or scale it up."
      : pods.ready === 0
        ? `None of its ${pods.desired} pod(s) is ready: see why on this page (pods, events), fix the image, command or port, and it recovers.`
        : "Check that the public endpoint's port is one the program listens on.";
  if (probe.status === null) {
    return {
      id: "reachable",
      label,
      state: "failed",
      detail: `Not reachable: ${probe.error ?? "no answer"}.`,
      fix: `The ingress controller did not answer; ask ${OPERATOR} whether it is running. ${pods.ready === 0 ? noPods : ""}`.trim(),
    };
  }
  const answer = `${probe.status}${probe.statusText ? ` ${probe.statusText}` : ""}`;
  if (probe.status === 502 || probe.status === 503 || probe.status === 504) {
    return {
      id: "reachable",
      label,
      state: "failed",
      detail: `Not reachable: the ingress answered ${answer}, so no pod of the runtime served the request.`,
      fix: noPods,
    };
  }
  if (pods.ready === 0) {
    // No pod is ready, so the answer is not the runtime's: a pod on its way out (just
    // stopped), or the ingress controller itself (a route it has not loaded yet).
    return {
      id: "reachable",
      label,
      state: "waiting",
      detail: `The ingress answered ${answer}, but no pod of the runtime is ready, so that was not the runtime's answer.`,
      fix: noPods,
    };
  }
  return { id: "reachable", label, state: "ready", detail: `Answered ${answer} through the ingress.`, fix: null };
}
