import https from "node:https";
import * as k8s from "@kubernetes/client-node";
import { expect, type APIRequestContext, type PlaywrightWorkerArgs, type TestInfo } from "@playwright/test";
import { decodeJwt } from "jose";
import type { Role } from "@/lib/authz/permissions";
import { db } from "@/lib/db/client";
import { adminApi, adminKubeConfig } from "@/lib/kube/client";
import { createTeamWorkspace } from "@/lib/workspaces/create-workspace";
import { finishWorkspaceDeletion } from "@/lib/tenancy/finish-workspace-deletion";
import { provisionWorkspace } from "@/lib/tenancy/provision-workspace";
import { createUser, uniqueSlug } from "../../tests/support/factories";
import { eventually } from "../../tests/support/kube";
import { createSession } from "../../tests/support/session";
import { stackImage } from "../../tests/support/real-node";

// Shared set-up for the isolation suite: signed-in people, workspaces with members, and
// kubeconfigs downloaded through the same route the browser's "Download kubeconfig"
// uses. Every cluster call a test makes as a member goes through MemberKube, i.e. with
// nothing but the downloaded kubeconfig, as kubectl would.

export interface Portal {
  baseURL: string;
  api: APIRequestContext;
}

export async function openPortal(playwright: PlaywrightWorkerArgs["playwright"], testInfo: TestInfo): Promise<Portal> {
  const baseURL = testInfo.project.use.baseURL;
  if (!baseURL) throw new Error("playwright.config.ts sets no baseURL");
  return { baseURL, api: await playwright.request.newContext({ baseURL }) };
}

export interface Person {
  userId: string;
  /** Cookie header value of a live portal session. */
  cookie: string;
}

export interface Member extends Person {
  membershipId: string;
  role: Role;
}

export interface TestWorkspace {
  id: string;
  slug: string;
  namespace: string;
  owner: Member;
}

export async function signedInPerson(portal: Portal, name: string): Promise<Person> {
  const user = await createUser(name);
  const { cookie } = await createSession(user.id, portal.baseURL);
  return { userId: user.id, cookie };
}

/** A team workspace created the way the portal creates it, owned by a new signed-in user. */
export async function teamWorkspace(portal: Portal, prefix: string): Promise<TestWorkspace> {
  const owner = await signedInPerson(portal, "Owner");
  const { slug } = await createTeamWorkspace(
    { userId: owner.userId },
    { displayName: prefix, slug: uniqueSlug(prefix) },
  );
  const workspace = await db().workspace.findUniqueOrThrow({
    where: { slug },
    select: { id: true, status: true, namespaces: { select: { name: true } }, memberships: { select: { id: true } } },
  });
  expect(workspace.status, "the workspace was provisioned").toBe("READY");
  const namespace = workspace.namespaces[0]!.name;
  // Pods need the namespace's default ServiceAccount, made by the controller manager.
  await eventually(`default ServiceAccount in ${namespace}`, () =>
    adminApi(k8s.CoreV1Api).readNamespacedServiceAccount({ name: "default", namespace }),
  );
  return {
    id: workspace.id,
    slug,
    namespace,
    owner: { ...owner, membershipId: workspace.memberships[0]!.id, role: "OWNER" },
  };
}

/** New signed-in members with these roles, added as the portal adds them: row, then provisioning. */
export async function addMembers(portal: Portal, workspace: TestWorkspace, roles: Role[]): Promise<Member[]> {
  const members: Member[] = [];
  for (const role of roles) {
    const person = await signedInPerson(portal, role.toLowerCase());
    const membership = await db().membership.create({
      data: { workspaceId: workspace.id, userId: person.userId, role },
    });
    members.push({ ...person, membershipId: membership.id, role });
  }
  await provisionWorkspace(workspace.id);
  return members;
}

/** Deletes the suite's workspaces (rows marked deleted, namespaces and identities removed). */
export async function removeWorkspaces(workspaces: (TestWorkspace | undefined)[]): Promise<void> {
  for (const workspace of workspaces) {
    if (!workspace) continue;
    await db().$transaction([
      db().workspace.update({ where: { id: workspace.id }, data: { status: "DELETING", deletedAt: new Date() } }),
      db().membership.deleteMany({ where: { workspaceId: workspace.id } }),
    ]);
    await finishWorkspaceDeletion(workspace.id);
  }
}

export interface IssuedKubeconfigJson {
  kubeconfig: string;
  filename: string;
  expiresAt: string;
  capped: boolean;
  credentialId: string;
}

export function kubeconfigRoute(slug: string): string {
  return `/api/w/${slug}/kubeconfigs`;
}

/** Downloads a kubeconfig through the portal's route, as the browser does. */
export async function downloadKubeconfig(
  portal: Portal,
  slug: string,
  person: Person,
  body: { label: string; lifetimeHours: number } = { label: "isolation suite", lifetimeHours: 1 },
): Promise<{ issued: IssuedKubeconfigJson; kube: MemberKube }> {
  const response = await portal.api.post(kubeconfigRoute(slug), { headers: { cookie: person.cookie }, data: body });
  expect(response.status(), await response.text()).toBe(200);
  const issued = (await response.json()) as IssuedKubeconfigJson;
  return { issued, kube: MemberKube.fromKubeconfig(issued.kubeconfig) };
}

// ---------------------------------------------------------------- acting as the member

export interface KubeStatusBody {
  kind?: string;
  reason?: string;
  message?: string;
  code?: number;
  [key: string]: unknown;
}

export interface KubeResponse {
  status: number;
  body: KubeStatusBody;
  headers: Record<string, string | string[] | undefined>;
}

export const MERGE_PATCH = "application/merge-patch+json";
export const STRATEGIC_MERGE_PATCH = "application/strategic-merge-patch+json";

/** Raw HTTPS access to the API server with one kubeconfig's credentials. */
export class Kube {
  constructor(readonly kc: k8s.KubeConfig) {}

  /** One HTTPS request to the API server, authenticated by the kubeconfig alone. */
  async request(method: string, path: string, body?: unknown, contentType = "application/json"): Promise<KubeResponse> {
    const server = this.kc.getCurrentCluster()?.server;
    if (!server) throw new Error("the kubeconfig has no cluster");
    const options: https.RequestOptions = { method, headers: { Accept: "application/json" } };
    await this.kc.applyToHTTPSOptions(options);
    const payload = body === undefined ? undefined : JSON.stringify(body);
    if (payload !== undefined) options.headers = { ...options.headers, "Content-Type": contentType };
    return new Promise((resolve, reject) => {
      const request = https.request(new URL(path, server), options, (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          let parsed: KubeStatusBody;
          try {
            parsed = text ? (JSON.parse(text) as KubeStatusBody) : {};
          } catch {
            parsed = { message: text };
          }
          resolve({ status: response.statusCode ?? 0, body: parsed, headers: response.headers });
        });
      });
      request.setTimeout(20_000, () => request.destroy(new Error(`${method} ${path} timed out`)));
      request.on("error", reject);
      request.end(payload);
    });
  }

  /** Asks the API server whether this credential may do something (kubectl auth can-i). */
  async canI(attributes: k8s.V1ResourceAttributes): Promise<boolean> {
    const response = await this.request("POST", "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews", {
      apiVersion: "authorization.k8s.io/v1",
      kind: "SelfSubjectAccessReview",
      spec: { resourceAttributes: attributes },
    });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    return (response.body as { status?: { allowed?: boolean } }).status?.allowed === true;
  }
}

/** The API server as a member sees it through a kubeconfig file. */
export class MemberKube extends Kube {
  private constructor(
    kc: k8s.KubeConfig,
    readonly token: string,
  ) {
    super(kc);
  }

  static fromKubeconfig(yaml: string): MemberKube {
    const kc = new k8s.KubeConfig();
    kc.loadFromString(yaml);
    const token = kc.getCurrentUser()?.token;
    if (!token) throw new Error("the kubeconfig has no token");
    return new MemberKube(kc, token);
  }

  /** The same kubeconfig with another bearer token (for forged tokens). */
  withToken(token: string): MemberKube {
    const kc = new k8s.KubeConfig();
    kc.loadFromOptions({
      clusters: this.kc.clusters,
      users: this.kc.users.map((user) => ({ ...user, token })),
      contexts: this.kc.contexts,
      currentContext: this.kc.currentContext,
    });
    return new MemberKube(kc, token);
  }

  /** The context's namespace: the workspace's. */
  get namespace(): string {
    const context = this.kc.getContextObject(this.kc.currentContext);
    if (!context?.namespace) throw new Error("the kubeconfig's context has no namespace");
    return context.namespace;
  }

  /** The Kubernetes user name the token stands for. */
  get username(): string {
    return String(decodeJwt(this.token).sub);
  }
}

/** The platform's own view (admin certificate), to set up and to verify what members could not change. */
export function adminKube(): Kube {
  return new Kube(adminKubeConfig());
}

/** The REST path of a resource, its object or its subresource. */
export function apiPath(
  group: string,
  resource: string,
  options: { namespace?: string; name?: string; subresource?: string; query?: string } = {},
): string {
  const version = group === "" ? "/api/v1" : `/apis/${group}/v1`;
  const namespace = options.namespace ? `/namespaces/${options.namespace}` : "";
  const name = options.name ? `/${options.name}` : "";
  const subresource = options.subresource ? `/${options.subresource}` : "";
  const query = options.query ? `?${options.query}` : "";
  return `${version}${namespace}/${resource}${name}${subresource}${query}`;
}

/** The text RBAC puts into a 403 for this request (k8s.io/apiserver's forbiddenMessage). */
export function rbacDenial(user: string, verb: string, resource: string, group: string, namespace?: string): string {
  const scope = namespace ? `in the namespace "${namespace}"` : "at the cluster scope";
  return `User "${user}" cannot ${verb} resource "${resource}" in API group "${group}" ${scope}`;
}

/** The exact refusal: status code, Status reason and the parts of the message that say why. */
export function expectRefused(
  response: KubeResponse,
  expected: { code: number; reason: string; message?: string[] },
  what: string,
): void {
  const seen = `${what}: ${response.status} ${JSON.stringify(response.body)}`;
  expect(response.status, seen).toBe(expected.code);
  expect(response.body.reason, seen).toBe(expected.reason);
  for (const part of expected.message ?? []) expect(response.body.message, seen).toContain(part);
}

export function expectForbiddenByRbac(
  response: KubeResponse,
  kube: MemberKube,
  request: { verb: string; resource: string; group: string; namespace?: string },
  what: string,
): void {
  expectRefused(
    response,
    {
      code: 403,
      reason: "Forbidden",
      message: [rbacDenial(kube.username, request.verb, request.resource, request.group, request.namespace)],
    },
    what,
  );
}

/**
 * Many refusals compared in one assertion, so that a failure lists every request that got
 * through (or was refused for another reason), not just the first.
 */
export class RefusalTable {
  private readonly expected: Record<string, unknown> = {};
  private readonly actual: Record<string, unknown> = {};

  record(key: string, response: KubeResponse, message: string, code = 403, reason = "Forbidden"): void {
    this.expected[key] = { status: code, reason, message: true };
    this.actual[key] = {
      status: response.status,
      reason: response.body.reason,
      message: response.body.message?.includes(message) ? true : response.body.message,
    };
  }

  get size(): number {
    return Object.keys(this.expected).length;
  }

  verify(): void {
    expect(this.actual).toEqual(this.expected);
  }
}

export function expectAllowed(response: KubeResponse, what: string, codes = [200, 201]): void {
  expect(codes, `${what}: ${response.status} ${JSON.stringify(response.body)}`).toContain(response.status);
}

/**
 * Polls until the credential is refused as unauthenticated. The API server caches a
 * successful token authentication for 10 s (hard-coded upstream), so a token that just
 * died may still work that long; 15 s bounds it.
 */
export async function expectUnauthorizedWithin(kube: MemberKube, path: string, ms = 15_000): Promise<KubeResponse> {
  const deadline = Date.now() + ms;
  for (;;) {
    const response = await kube.request("GET", path);
    if (response.status === 401 || Date.now() > deadline) {
      expectRefused(response, { code: 401, reason: "Unauthorized", message: ["Unauthorized"] }, `GET ${path}`);
      return response;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

// ---------------------------------------------------------------- objects

/** A pod that satisfies Pod Security "restricted" and the workspace's runtime class policy. */
export function compliantPod(name: string): k8s.V1Pod {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name },
    spec: {
      runtimeClassName: "gvisor",
      automountServiceAccountToken: false,
      securityContext: { runAsNonRoot: true, runAsUser: 1000, seccompProfile: { type: "RuntimeDefault" } },
      containers: [compliantContainer("app")],
    },
  };
}

export function compliantContainer(name: string): k8s.V1Container {
  return {
    name,
    image: stackImage("pause:3.10.1"),
    imagePullPolicy: "Always",
    securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] } },
  };
}

/** Waits until the pod is Running (on the real node: RuntimeClass gvisor places it there). */
export async function waitForRunning(kube: MemberKube, name: string): Promise<void> {
  await eventually(
    `pod ${name} to be Running`,
    async () => {
      const response = await kube.request("GET", apiPath("", "pods", { namespace: kube.namespace, name }));
      return (response.body as { status?: { phase?: string } }).status?.phase === "Running" ? true : undefined;
    },
    30_000,
  );
}
