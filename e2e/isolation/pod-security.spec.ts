import type * as k8s from "@kubernetes/client-node";
import { expect, test } from "@playwright/test";
import { apiPath, STRATEGIC_MERGE_PATCH, type MemberKube } from "./fixtures/kube";
import { compliantContainer, compliantPod, waitForRunning } from "./fixtures/pods";
import { expectAllowed, expectRefused } from "./fixtures/refusals";
import {
  addMembers,
  downloadKubeconfig,
  openPortal,
  removeWorkspaces,
  teamWorkspace,
  type Portal,
  type TestWorkspace,
} from "./fixtures/workspaces";

// Pod Security "restricted" is enforced on every workspace namespace. A developer's
// kubeconfig tries each way out of the sandbox, in a container, in an init container and
// in an ephemeral container added to a running pod; each is refused with 403 and the
// exact violation, and nothing else: the compliant variants of the same pods are admitted.

test.describe.configure({ mode: "serial" });

const RESTRICTED = 'violates PodSecurity "restricted:latest": ';

/** A compliant container with its own seccomp profile, so that a container can leave it out. */
function container(name: string): k8s.V1Container {
  const compliant = compliantContainer(name);
  return {
    ...compliant,
    securityContext: { ...compliant.securityContext, seccompProfile: { type: "RuntimeDefault" } },
  };
}

/** A compliant pod; seccomp is set per container so that a container can leave it out. */
function pod(name: string, spec: Partial<k8s.V1PodSpec> = {}): k8s.V1Pod {
  return compliantPod(name, {
    securityContext: { runAsNonRoot: true, runAsUser: 1000 },
    containers: [container("app")],
    ...spec,
  });
}

interface ContainerViolation {
  what: string;
  apply: (c: k8s.V1Container) => k8s.V1Container;
  violations: (name: string) => string[];
  /** Ephemeral containers may not declare ports at all (checked separately). */
  ephemeral?: false;
}

const withSecurity = (c: k8s.V1Container, sc: k8s.V1SecurityContext): k8s.V1Container => ({
  ...c,
  securityContext: { ...c.securityContext, ...sc },
});

const CONTAINER_VIOLATIONS: ContainerViolation[] = [
  {
    what: "privileged",
    // allowPrivilegeEscalation=false with privileged=true is invalid, so it is left unset.
    apply: (c) => ({
      ...c,
      securityContext: {
        privileged: true,
        capabilities: { drop: ["ALL"] },
        seccompProfile: { type: "RuntimeDefault" },
      },
    }),
    violations: (n) => [
      `privileged (container "${n}" must not set securityContext.privileged=true)`,
      `allowPrivilegeEscalation != false (container "${n}" must set securityContext.allowPrivilegeEscalation=false)`,
    ],
  },
  {
    what: "allowPrivilegeEscalation",
    apply: (c) => withSecurity(c, { allowPrivilegeEscalation: true }),
    violations: (n) => [
      `allowPrivilegeEscalation != false (container "${n}" must set securityContext.allowPrivilegeEscalation=false)`,
    ],
  },
  {
    what: "hostPort",
    apply: (c) => ({ ...c, ports: [{ containerPort: 8080, hostPort: 8080 }] }),
    violations: (n) => [`hostPort (container "${n}" uses hostPort 8080)`],
    ephemeral: false,
  },
  {
    what: "added capability NET_ADMIN",
    apply: (c) => withSecurity(c, { capabilities: { drop: ["ALL"], add: ["NET_ADMIN"] } }),
    violations: (n) => [
      `unrestricted capabilities (container "${n}" must not include "NET_ADMIN" in securityContext.capabilities.add)`,
    ],
  },
  {
    what: "runAsUser 0",
    apply: (c) => withSecurity(c, { runAsUser: 0 }),
    violations: (n) => [`runAsUser=0 (container "${n}" must not set runAsUser=0)`],
  },
  {
    what: "runAsNonRoot false",
    apply: (c) => withSecurity(c, { runAsNonRoot: false }),
    violations: (n) => [`runAsNonRoot != true (container "${n}" must not set securityContext.runAsNonRoot=false)`],
  },
  {
    what: "missing seccomp profile",
    apply: (c) => ({ ...c, securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] } } }),
    violations: (n) => [
      `seccompProfile (pod or container "${n}" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost")`,
    ],
  },
  {
    what: "seccomp Unconfined",
    apply: (c) => withSecurity(c, { seccompProfile: { type: "Unconfined" } }),
    violations: (n) => [
      `seccompProfile (container "${n}" must not set securityContext.seccompProfile.type to "Unconfined")`,
    ],
  },
];

const POD_VIOLATIONS: { what: string; spec: Partial<k8s.V1PodSpec>; violations: string[] }[] = [
  { what: "hostNetwork", spec: { hostNetwork: true }, violations: ["host namespaces (hostNetwork=true)"] },
  { what: "hostPID", spec: { hostPID: true }, violations: ["host namespaces (hostPID=true)"] },
  { what: "hostIPC", spec: { hostIPC: true }, violations: ["host namespaces (hostIPC=true)"] },
  {
    what: "hostPath volume",
    spec: {
      volumes: [{ name: "host", hostPath: { path: "/" } }],
      containers: [{ ...container("app"), volumeMounts: [{ name: "host", mountPath: "/host" }] }],
    },
    violations: ['restricted volume types (volume "host" uses restricted volume type "hostPath")'],
  },
  {
    what: "pod runAsUser 0",
    spec: { securityContext: { runAsNonRoot: true, runAsUser: 0 } },
    violations: ["runAsUser=0 (pod must not set runAsUser=0)"],
  },
  {
    what: "pod runAsNonRoot false",
    spec: { securityContext: { runAsNonRoot: false, runAsUser: 1000 } },
    violations: ["runAsNonRoot != true (pod must not set securityContext.runAsNonRoot=false)"],
  },
];

test.describe("Pod Security restricted", () => {
  let portal: Portal;
  let workspace: TestWorkspace;
  let kube: MemberKube;
  let pods: string;

  test.beforeAll(async ({ playwright }, testInfo) => {
    portal = await openPortal(playwright, testInfo);
    workspace = await teamWorkspace(portal, "iso-psa");
    const [developer] = await addMembers(portal, workspace, ["DEVELOPER"]);
    ({ kube } = await downloadKubeconfig(portal, workspace.slug, developer!));
    pods = apiPath("", "pods", { namespace: workspace.namespace });
  });

  test.afterAll(async () => {
    await removeWorkspaces([workspace]);
    await portal?.api.dispose();
  });

  test("positive control: a compliant pod is admitted and reaches Running; so is one with an init container", async () => {
    expectAllowed(await kube.request("POST", pods, pod("target")), "create the compliant pod");
    await waitForRunning(kube, "target");
    const withInit = pod("with-init", { initContainers: [container("init")] });
    expectAllowed(await kube.request("POST", pods, withInit), "create a compliant pod with an init container");
  });

  test("pod-level escapes are refused: host namespaces, hostPath volumes, running as root", async () => {
    for (const [i, v] of POD_VIOLATIONS.entries()) {
      const name = `pod-level-${i}`;
      const response = await kube.request("POST", pods, pod(name, v.spec));
      expectRefused(
        response,
        {
          code: 403,
          reason: "Forbidden",
          message: [`pods "${name}" is forbidden: ${RESTRICTED}${v.violations.join(", ")}`],
        },
        v.what,
      );
    }
  });

  for (const place of ["container", "init container"] as const) {
    test(`container escapes are refused in ${place === "container" ? "a container" : "an init container"}`, async () => {
      for (const [i, v] of CONTAINER_VIOLATIONS.entries()) {
        const name = `${place === "container" ? "app" : "init"}-${i}`;
        const spec: Partial<k8s.V1PodSpec> =
          place === "container"
            ? { containers: [v.apply(container("bad"))] }
            : { initContainers: [v.apply(container("bad"))], containers: [container("app")] };
        const response = await kube.request("POST", pods, pod(name, spec));
        expectRefused(
          response,
          {
            code: 403,
            reason: "Forbidden",
            message: [`pods "${name}" is forbidden: ${RESTRICTED}${v.violations("bad").join(", ")}`],
          },
          `${v.what} in the ${place}`,
        );
      }
    });
  }

  test("ephemeral containers added to a running pod are held to the same rules; a compliant one is allowed", async () => {
    const subresource = apiPath("", "pods", {
      namespace: workspace.namespace,
      name: "target",
      subresource: "ephemeralcontainers",
    });
    const add = (c: k8s.V1EphemeralContainer) =>
      kube.request("PATCH", subresource, { spec: { ephemeralContainers: [c] } }, STRATEGIC_MERGE_PATCH);

    for (const [i, v] of CONTAINER_VIOLATIONS.entries()) {
      if (v.ephemeral === false) continue;
      const name = `debug-bad-${i}`;
      expectRefused(
        await add(v.apply(container(name))),
        {
          code: 403,
          reason: "Forbidden",
          message: [`pods "target" is forbidden: ${RESTRICTED}${v.violations(name).join(", ")}`],
        },
        `${v.what} in an ephemeral container`,
      );
    }
    // Ports (so hostPorts) are invalid on ephemeral containers before Pod Security looks.
    const withPort = await add({ ...container("debug-port"), ports: [{ containerPort: 8080, hostPort: 8080 }] });
    expectRefused(withPort, { code: 422, reason: "Invalid", message: ["ports"] }, "hostPort in an ephemeral container");

    expectAllowed(await add(container("debug")), "add a compliant ephemeral container");
    const target = await kube.request("GET", apiPath("", "pods", { namespace: workspace.namespace, name: "target" }));
    const ephemeral = (target.body as { spec?: k8s.V1PodSpec }).spec?.ephemeralContainers ?? [];
    expect(ephemeral.map((c) => c.name)).toEqual(["debug"]);
  });
});
