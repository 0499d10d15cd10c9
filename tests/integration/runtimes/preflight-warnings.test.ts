import * as k8s from "@kubernetes/client-node";
import { describe, expect, it } from "vitest";
import { adminApi } from "@/lib/kube/client";
import { readImageConfig } from "@/lib/runtimes/image-config";
import { preflightWarnings } from "@/lib/runtimes/preflight-warnings";
import { teamWorkspace } from "../../support/factories";
import { pushTestImage } from "../../support/registry";
import { stackImage } from "../../support/real-node";

// Warnings before creating or scaling: what the cluster would accept but is likely to go
// wrong, read from the real registry (OCI distribution API) and the real cluster.

const base = {
  replicas: 1,
  ports: [] as { port: number }[],
  volumes: [] as { claimName: string; mountPath: string }[],
};

describe("preflight warnings", () => {
  it("reads an image's configuration from the registry and warns about root and ports below 1024", async () => {
    const rooty = await pushTestImage("canopy-test/rooty", "1", { ExposedPorts: { "80/tcp": {} } });
    expect(await readImageConfig(rooty)).toEqual({ ok: true, user: "", exposedPorts: [80] });
    const warnings = await preflightWarnings({ ...base, image: rooty }, []);
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toContain("The image is built to run as root (it sets no USER)");
    expect(warnings[0]).toContain("USER 65532");
    expect(warnings[1]).toContain("The image listens on port 80, below 1024");

    // The control: the stack's web image runs as 65532 and listens on 8080.
    expect(await readImageConfig(stackImage("web:1"))).toEqual({ ok: true, user: "65532:65532", exposedPorts: [8080] });
    expect(await preflightWarnings({ ...base, image: stackImage("web:1"), ports: [{ port: 8080 }] }, [])).toEqual([]);
    // A port below 1024 asked for in the form is a warning whatever the image says.
    expect(await preflightWarnings({ ...base, image: stackImage("web:1"), ports: [{ port: 443 }] }, [])).toEqual([
      expect.stringContaining("Port 443 is below 1024"),
    ]);
  });

  it("says when the image could not be checked, and why", async () => {
    expect(await preflightWarnings({ ...base, image: "ghcr.io/example/app:1" }, [])).toEqual([
      "Whether the image needs root or a port below 1024 could not be checked: Canopy does not read image configurations from ghcr.io.",
    ]);
    expect(await preflightWarnings({ ...base, image: "127.0.0.1:5000/canopy-test/missing:1" }, [])).toEqual([
      "Whether the image needs root or a port below 1024 could not be checked: the registry has no such image.",
    ]);
    expect(await preflightWarnings({ ...base, image: "nginx" }, [])).toEqual([
      expect.stringContaining("Canopy does not read image configurations from docker.io"),
    ]);
  });

  it("warns when more than one replica would mount a ReadWriteOnce volume", async () => {
    const { namespace } = await teamWorkspace({ prefix: "rwo" });
    const core = adminApi(k8s.CoreV1Api);
    await core.createNamespacedPersistentVolumeClaim({
      namespace,
      body: {
        metadata: { name: "data" },
        spec: {
          accessModes: ["ReadWriteOnce"],
          storageClassName: "standard",
          resources: { requests: { storage: "1Gi" } },
        },
      },
    });
    const claims = (await core.listNamespacedPersistentVolumeClaim({ namespace })).items;
    const input = { ...base, image: stackImage("web:1"), volumes: [{ claimName: "data", mountPath: "/data" }] };
    expect(await preflightWarnings(input, claims)).toEqual([]); // one replica: fine
    const [warning, ...rest] = await preflightWarnings({ ...input, replicas: 2 }, claims);
    expect(rest).toEqual([]);
    expect(warning).toContain("The volume data is ReadWriteOnce: only one node can mount it, so 2 replicas");
    expect(warning).toContain("Use 1 replica, or a volume each.");
  });
});
