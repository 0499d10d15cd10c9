import { z } from "zod";
import { apiErrorBody } from "@/lib/api/errors";
import { environmentQuery, type AnyOperation } from "@/lib/api/operation";
import { API_V1_OPERATIONS } from "@/lib/api/v1/operations";
import { PERMISSIONS } from "@/lib/authz/permissions";

// The OpenAPI 3.1 document of /api/v1, generated from the same zod schemas that parse the
// requests and describe the answers (zod 4's own JSON Schema output, draft 2020-12, which is
// OpenAPI 3.1's dialect). Schemas with an id (`.meta({ id })`) become components.

type JsonSchema = Record<string, unknown>;
const REF_PREFIX = "#/components/schemas/";

function collect(schema: z.ZodType, io: "input" | "output", components: Record<string, JsonSchema>): JsonSchema {
  const generated = z.toJSONSchema(schema, { target: "draft-2020-12", io, unrepresentable: "any" }) as JsonSchema;
  const rewritten = JSON.parse(JSON.stringify(generated).replaceAll('"#/$defs/', `"${REF_PREFIX}`)) as JsonSchema;
  const { $defs, ...root } = rewritten as JsonSchema & { $defs?: Record<string, JsonSchema> };
  delete root.$schema; // the document names the dialect once (jsonSchemaDialect)
  Object.assign(components, $defs ?? {});
  return root;
}

const errorResponse = (description: string) => ({
  description,
  content: { "application/json": { schema: { $ref: `${REF_PREFIX}Error` } } },
});

function pathParameters(operation: AnyOperation, components: Record<string, JsonSchema>) {
  const parameters: JsonSchema[] = [
    { name: "slug", in: "path", required: true, schema: { type: "string" }, description: "The workspace's slug." },
  ];
  const shape = (operation.params?.shape ?? {}) as Record<string, z.ZodType>;
  for (const [name, schema] of Object.entries(shape)) {
    parameters.push({ name, in: "path", required: true, schema: collect(schema, "input", components) });
  }
  const query = {
    ...(operation.inEnvironment ? environmentQuery.shape : {}),
    ...(operation.query?.shape ?? {}),
  } as Record<string, z.ZodType>;
  for (const [name, schema] of Object.entries(query)) {
    parameters.push({ name, in: "query", required: false, schema: collect(schema, "input", components) });
  }
  if (operation.idempotent) {
    parameters.push({
      name: "Idempotency-Key",
      in: "header",
      required: false,
      schema: { type: "string", minLength: 1, maxLength: 255 },
      description: "Retrying with the same key replays the first answer instead of creating again (per token).",
    });
  }
  return parameters;
}

export function openApiDocument(serverUrl: string, operations: AnyOperation[] = API_V1_OPERATIONS) {
  const components: Record<string, JsonSchema> = {};
  collect(apiErrorBody, "output", components);
  const paths: Record<string, Record<string, unknown>> = {};
  for (const operation of operations) {
    const roles = (PERMISSIONS[operation.permission] as readonly string[]).join(", ");
    const entry: Record<string, unknown> = {
      operationId: operation.id,
      summary: operation.summary,
      description:
        `Permission \`${operation.permission}\`: ${roles} (the token's role, capped by the member's). ` +
        (operation.inEnvironment
          ? "Acts in the environment `?environment=` names (the default one without it)."
          : "Workspace-wide: a token scoped to one environment is refused."),
      tags: [operation.tag],
      parameters: pathParameters(operation, components),
      responses: {
        [String(operation.status)]: {
          description: operation.status === 202 ? "Accepted: the cluster carries it out." : "OK",
          content: { "application/json": { schema: collect(operation.response, "output", components) } },
        },
        "401": errorResponse("No token, or one that is unknown, revoked or expired."),
        "403": errorResponse("The token's role does not allow this, or the token is scoped to another environment."),
        "404": errorResponse("Not found (also: a workspace the token does not belong to)."),
        "409": errorResponse("A conflict: the object changed, is in use, or the same Idempotency-Key is in progress."),
        "422": errorResponse("Invalid input: `field` names the field and `message` the rule."),
        "429": errorResponse("Too many requests with this token; see Retry-After."),
        "503": errorResponse("The cluster is busy or unavailable; try again shortly."),
      },
    };
    if (operation.body) {
      entry.requestBody = {
        required: true,
        content: { "application/json": { schema: collect(operation.body, "input", components) } },
      };
    }
    (paths[operation.path] ??= {})[operation.method.toLowerCase()] = entry;
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Canopy API",
      version: "1",
      description:
        "Automation for Canopy workspaces. Authenticate with a personal access token from the workspace's " +
        "settings: `Authorization: Bearer cnp_…`. Lists are paginated with `limit` and `cursor` (`nextCursor`).",
    },
    jsonSchemaDialect: "https://json-schema.org/draft/2020-12/schema",
    servers: [{ url: `${serverUrl}/api/v1` }],
    security: [{ bearerToken: [] }],
    paths,
    components: {
      schemas: components,
      securitySchemes: { bearerToken: { type: "http", scheme: "bearer", bearerFormat: "cnp_ personal access token" } },
    },
  };
}
