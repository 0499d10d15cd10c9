import type * as k8s from "@kubernetes/client-node";
import { readImageConfig } from "@/lib/runtimes/image-config";
import { RUNTIME_UID } from "@/lib/runtimes/runtime-manifests";
import type { CreateRuntime } from "@/lib/runtimes/runtime-input";

// What the cluster would accept but is likely to go wrong, said before creating or
// scaling, with what to change: a ReadWriteOnce volume under more than one replica, an
// image built to run as root or to listen below port 1024 (the restricted policy runs it
// as an unprivileged user without capabilities), or that this could not be checked.

const SINGLE_NODE_MODES = ["ReadWriteOnce", "ReadWriteOncePod"];

function runsAsRoot(user: string): boolean {
  const name = user.split(":")[0]!.trim();
  return name === "" || name === "root" || name === "0";
}

export async function preflightWarnings(
  input: Pick<CreateRuntime, "image" | "replicas" | "ports" | "volumes">,
  claims: k8s.V1PersistentVolumeClaim[],
): Promise<string[]> {
  const warnings: string[] = [];
  if (input.replicas > 1) {
    for (const volume of input.volumes) {
      const claim = claims.find((c) => c.metadata?.name === volume.claimName);
      const modes = claim?.spec?.accessModes ?? [];
      if (modes.some((mode) => SINGLE_NODE_MODES.includes(mode))) {
        warnings.push(
          `The volume ${volume.claimName} is ${modes.join(", ")}: only one node can mount it, so ${input.replicas} replicas ` +
            "start only while they all land on that node, and would all write to the same files. Use 1 replica, or a volume each.",
        );
      }
    }
  }
  for (const { port } of input.ports) {
    if (port < 1024) {
      warnings.push(
        `Port ${port} is below 1024: the container runs without root or capabilities here, so it cannot listen there. ` +
          "Make the program listen on 1024 or above (for example 8080) and use that port.",
      );
    }
  }
  const config = await readImageConfig(input.image);
  if (!config.ok) {
    warnings.push(`Whether the image needs root or a port below 1024 could not be checked: ${config.reason}.`);
    return warnings;
  }
  if (runsAsRoot(config.user)) {
    warnings.push(
      `The image is built to run as root (${config.user ? `USER ${config.user}` : "it sets no USER"}), but runs here as ` +
        `the unprivileged user ${RUNTIME_UID}, so it may fail to write its own files. Use an image that runs as a ` +
        `non-root user (USER ${RUNTIME_UID} in its Dockerfile, or an "unprivileged" variant).`,
    );
  }
  const listed = new Set(input.ports.map((p) => p.port));
  for (const port of config.exposedPorts.filter((p) => p < 1024 && !listed.has(p))) {
    warnings.push(
      `The image listens on port ${port}, below 1024, which needs root here. Configure it to listen on 1024 or above ` +
        "(for example 8080), or use an image variant that does.",
    );
  }
  return warnings;
}
