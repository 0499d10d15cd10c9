import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { expect } from "vitest";
import * as workspaceRoute from "@/app/api/v1/workspaces/[slug]/route";
import * as membersRoute from "@/app/api/v1/workspaces/[slug]/members/route";
import * as usageRoute from "@/app/api/v1/workspaces/[slug]/usage/route";
import * as runtimesRoute from "@/app/api/v1/workspaces/[slug]/runtimes/route";
import * as runtimeRoute from "@/app/api/v1/workspaces/[slug]/runtimes/[name]/route";
import * as scaleRoute from "@/app/api/v1/workspaces/[slug]/runtimes/[name]/scale/route";
import * as stopRoute from "@/app/api/v1/workspaces/[slug]/runtimes/[name]/stop/route";
import * as startRoute from "@/app/api/v1/workspaces/[slug]/runtimes/[name]/start/route";
import * as volumesRoute from "@/app/api/v1/workspaces/[slug]/volumes/route";
import * as volumeRoute from "@/app/api/v1/workspaces/[slug]/volumes/[name]/route";
import * as invitationsRoute from "@/app/api/v1/workspaces/[slug]/invitations/route";
import * as invitationRoute from "@/app/api/v1/workspaces/[slug]/invitations/[id]/route";
import * as statementsRoute from "@/app/api/v1/workspaces/[slug]/statements/route";
import * as environmentsRoute from "@/app/api/v1/workspaces/[slug]/environments/route";
import * as environmentRoute from "@/app/api/v1/workspaces/[slug]/environments/[environment]/route";
import * as quotaMovesRoute from "@/app/api/v1/workspaces/[slug]/quota-moves/route";
import * as kubeconfigsRoute from "@/app/api/v1/workspaces/[slug]/kubeconfigs/route";
import * as kubeconfigRoute from "@/app/api/v1/workspaces/[slug]/kubeconfigs/[id]/route";
import { GET as openApiRoute } from "@/app/api/v1/openapi.json/route";
import { createApiToken } from "@/lib/api-tokens/create-token";
import type { WorkspaceContext } from "@/lib/authz/context";
import type { Role } from "@/lib/authz/permissions";
import { AppError } from "@/lib/errors/app-error";

// The REST API suites call the real route modules of app/api/v1 with real Requests (the
// real database and apiserver behind them), and check every answer against the OpenAPI
// document the portal serves: its status must be documented for the operation, and its
// body must match the documented schema. So every API test is also a contract test.

type Handler = (request: Request, route: { params: Promise<Record<string, string>> }) => Promise<Response>;

const ROUTES: [string, Record<string, unknown>][] = [
  ["/workspaces/{slug}", workspaceRoute],
  ["/workspaces/{slug}/members", membersRoute],
  ["/workspaces/{slug}/usage", usageRoute],
  ["/workspaces/{slug}/runtimes", runtimesRoute],
  ["/workspaces/{slug}/runtimes/{name}", runtimeRoute],
  ["/workspaces/{slug}/runtimes/{name}/scale", scaleRoute],
  ["/workspaces/{slug}/runtimes/{name}/stop", stopRoute],
  ["/workspaces/{slug}/runtimes/{name}/start", startRoute],
  ["/workspaces/{slug}/volumes", volumesRoute],
  ["/workspaces/{slug}/volumes/{name}", volumeRoute],
  ["/workspaces/{slug}/invitations", invitationsRoute],
  ["/workspaces/{slug}/invitations/{id}", invitationRoute],
  ["/workspaces/{slug}/statements", statementsRoute],
  ["/workspaces/{slug}/environments", environmentsRoute],
  ["/workspaces/{slug}/environments/{environment}", environmentRoute],
  ["/workspaces/{slug}/quota-moves", quotaMovesRoute],
  ["/workspaces/{slug}/kubeconfigs", kubeconfigsRoute],
  ["/workspaces/{slug}/kubeconfigs/{id}", kubeconfigRoute],
];

export const ORIGIN = "http://portal.test";

export async function openApi(): Promise<OpenApiDocument> {
  return (await openApiRoute().json()) as OpenApiDocument;
}

interface OpenApiDocument {
  openapi: string;
  paths: Record<
    string,
    Record<string, { responses: Record<string, { content: { "application/json": { schema: object } } }> }>
  >;
  components: { schemas: Record<string, object> };
}

const ajv = new Ajv2020({ strict: true, allErrors: true });
addFormats.default(ajv);
let document: OpenApiDocument | undefined;
const validators = new Map<string, ReturnType<typeof ajv.compile>>();

/** Checks an answer against the document: a documented status and a body of its schema. */
export async function expectDocumented(method: string, template: string, status: number, body: unknown) {
  document ??= await openApi();
  const operation = document.paths[template]?.[method.toLowerCase()];
  expect(operation, `${method} ${template} is in the OpenAPI document`).toBeDefined();
  const response = operation!.responses[String(status)];
  expect(response, `${method} ${template} documents status ${status}`).toBeDefined();
  const key = `${method} ${template} ${status}`;
  let validate = validators.get(key);
  if (!validate) {
    const schema = JSON.parse(
      JSON.stringify(response!.content["application/json"].schema).replaceAll('"#/components/schemas/', '"#/$defs/'),
    ) as Record<string, unknown>;
    const defs = JSON.parse(
      JSON.stringify(document.components.schemas).replaceAll('"#/components/schemas/', '"#/$defs/'),
    ) as Record<string, unknown>;
    validate = ajv.compile({ ...schema, $defs: defs });
    validators.set(key, validate);
  }
  const valid = validate(body);
  expect(validate.errors ?? [], `${key}: ${JSON.stringify(body).slice(0, 400)}`).toEqual([]);
  expect(valid).toBe(true);
}

export interface ApiAnswer {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  headers: Headers;
}

export interface CallOptions {
  token?: string | null;
  body?: unknown;
  /** Sent as is (for malformed bodies), instead of `body` as JSON. */
  rawBody?: string;
  headers?: Record<string, string>;
}

/** Calls the API as a client would: `path` under /api/v1, e.g. "/workspaces/team-1/runtimes?limit=2". */
export async function call(method: string, path: string, options: CallOptions = {}): Promise<ApiAnswer> {
  const url = new URL(`${ORIGIN}/api/v1${path}`);
  const segments = url.pathname.slice("/api/v1".length).split("/");
  const match = ROUTES.map(([template, module]) => ({ template, module, parts: template.split("/") })).find(
    ({ parts }) => parts.length === segments.length && parts.every((p, i) => p.startsWith("{") || p === segments[i]),
  );
  if (!match) throw new Error(`no route for ${path}`);
  const params: Record<string, string> = {};
  match.parts.forEach((p, i) => {
    if (p.startsWith("{")) params[p.slice(1, -1)] = decodeURIComponent(segments[i]!);
  });
  const handler = match.module[method] as Handler | undefined;
  if (!handler) throw new Error(`${method} is not served at ${match.template}`);
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | undefined;
  if (options.rawBody !== undefined) body = options.rawBody;
  else if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers["content-type"] ??= "application/json";
  }
  const response = await handler(new Request(url, { method, headers, body }), { params: Promise.resolve(params) });
  const json: unknown = await response.json();
  await expectDocumented(method, match.template, response.status, json);
  return { status: response.status, body: json, headers: response.headers };
}

/** A token made through the domain for the member of `context`. */
export async function tokenFor(context: WorkspaceContext, role: Role = context.membership.role, days = 7) {
  return createApiToken(context, { name: `test ${role.toLowerCase()}`, role, expiresInDays: days });
}

/** The AppError a domain call's promise is rejected with. */
export async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}
