import { eventually } from "./kube";
import { startFakeHost, startUnrestrictedProbe } from "./fake-host";

// A stand-in for a cloud's instance metadata service at 169.254.169.254, off the node as
// on a cloud (tests/support/fake-host.ts). Only one can exist, so its names are fixed.

const ADDRESS = "169.254.169.254";

export interface FakeMetadataService {
  body: string;
  /** GET / from a pod in a namespace without Canopy's policies, on the real node. */
  fetchFromUnrestrictedPod(): Promise<string>;
  stop(): Promise<void>;
}

export async function startFakeMetadataService(): Promise<FakeMetadataService> {
  const host = await startFakeHost(ADDRESS, {
    netns: "canopy-meta-test",
    hostLink: "canopy-meta0",
    hostAddress: "169.254.169.253",
  });
  const probe = await startUnrestrictedProbe();
  return {
    body: host.body,
    fetchFromUnrestrictedPod: () =>
      eventually(
        "the metadata stand-in to answer the unrestricted pod",
        async () => (await probe.fetch(ADDRESS)) ?? undefined,
        20_000,
      ),
    async stop() {
      await probe.stop();
      await host.stop();
    },
  };
}
