// DEVELOPMENT ONLY: the local stack's stand-in for a CSI resizer, as kwok stands in for
// nodes. The controller manager's host-path provisioner can create volumes but not grow
// them: when a claim asks for more, the controller manager only reports
// "ExternalExpanding" and waits for an external resizer. This process is that resizer
// for classes provisioned by kubernetes.io/host-path: it sets the PersistentVolume's
// capacity, then the claim's status, as a CSI resizer does once a volume has grown
// (nothing is resized on disk: host-path volumes have no size). Never run it against a
// real cluster. Started by scripts/stack/up.sh with the admin kubeconfig ($KUBECONFIG).
import * as k8s from "@kubernetes/client-node";
import { parseQuantity } from "../../lib/kube/quantity";
import { isNotFound } from "../../lib/kube/status";

const PROVISIONER = "kubernetes.io/host-path";
const RESYNC_MS = 15_000;

const kc = new k8s.KubeConfig();
kc.loadFromDefault();
const core = kc.makeApiClient(k8s.CoreV1Api);
const storage = kc.makeApiClient(k8s.StorageV1Api);

function log(message: string): void {
  console.log(`${new Date().toISOString()} [dev-volume-resizer] ${message}`);
}

/** The size asked for, when a bound claim asks for more than it has; otherwise null. */
function wantedGrowth(claim: k8s.V1PersistentVolumeClaim): string | null {
  const wanted = claim.spec?.resources?.requests?.storage;
  const have = claim.status?.capacity?.storage;
  if (claim.status?.phase !== "Bound" || !claim.spec?.volumeName || !wanted || !have) return null;
  return parseQuantity(wanted) > parseQuantity(have) ? wanted : null;
}

async function isHostPath(className: string | undefined): Promise<boolean> {
  if (!className) return false;
  try {
    return (await storage.readStorageClass({ name: className })).provisioner === PROVISIONER;
  } catch (error) {
    if (isNotFound(error)) return false;
    throw error;
  }
}

async function resize(namespace: string, name: string): Promise<void> {
  // Work from the latest version, not the informer's possibly older copy.
  const claim = await core.readNamespacedPersistentVolumeClaim({ name, namespace });
  const wanted = wantedGrowth(claim);
  if (!wanted || !(await isHostPath(claim.spec?.storageClassName))) return;
  const before = claim.status?.capacity?.storage;

  const pv = await core.readPersistentVolume({ name: claim.spec!.volumeName! });
  if (parseQuantity(pv.spec?.capacity?.storage ?? "0") < parseQuantity(wanted)) {
    pv.spec = { ...pv.spec, capacity: { ...pv.spec?.capacity, storage: wanted } };
    await core.replacePersistentVolume({ name: pv.metadata!.name!, body: pv });
  }

  // What a CSI resizer leaves behind once no node-side step is needed: the new capacity
  // and allocation, no resize in progress.
  const status = claim.status!;
  status.capacity = { ...status.capacity, storage: wanted };
  status.allocatedResources = { ...status.allocatedResources, storage: wanted };
  if (status.allocatedResourceStatuses) delete status.allocatedResourceStatuses.storage;
  status.conditions = status.conditions?.filter((c) => c.type !== "Resizing" && c.type !== "FileSystemResizePending");
  await core.replaceNamespacedPersistentVolumeClaimStatus({ name, namespace, body: claim });
  log(`resized ${namespace}/${name} (${pv.metadata!.name}) from ${before} to ${wanted}`);
}

const inFlight = new Set<string>();

function consider(claim: k8s.V1PersistentVolumeClaim): void {
  const namespace = claim.metadata?.namespace;
  const name = claim.metadata?.name;
  if (!namespace || !name || !wantedGrowth(claim)) return;
  const key = `${namespace}/${name}`;
  if (inFlight.has(key)) return;
  inFlight.add(key);
  resize(namespace, name)
    // A conflict or a transient failure is retried on the next event or resync.
    .catch((error: unknown) =>
      log(`could not resize ${key} yet: ${error instanceof Error ? error.message : String(error)}`),
    )
    .finally(() => inFlight.delete(key));
}

const informer = k8s.makeInformer(kc, "/api/v1/persistentvolumeclaims", () =>
  core.listPersistentVolumeClaimForAllNamespaces(),
);
informer.on("add", consider);
informer.on("update", consider);
let stopping = false;
informer.on("error", (error: unknown) => {
  if (stopping) return;
  log(`watch failed (${error instanceof Error ? error.message : String(error)}); restarting in 2s`);
  setTimeout(() => void informer.start().catch(() => undefined), 2_000);
});
setInterval(() => informer.list().forEach(consider), RESYNC_MS);

for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.on(signal, () => {
    stopping = true;
    void informer.stop().finally(() => process.exit(0));
  });
}

await informer.start();
log(`watching claims of classes provisioned by ${PROVISIONER}`);
