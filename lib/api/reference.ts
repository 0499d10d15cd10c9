import { openApiDocument } from "@/lib/api/openapi";

// The reference page's view of the OpenAPI document: each operation with its parameters,
// body fields and answer, in words (app/docs/api, components/api-reference).

export interface ReferenceField {
  name: string;
  where: string;
  required: boolean;
  type: string;
}

export interface ReferenceOperation {
  id: string;
  tag: string;
  method: string;
  path: string;
  summary: string;
  description: string;
  status: string;
  answer: string;
  fields: ReferenceField[];
}

type Schema = {
  type?: string | string[];
  enum?: unknown[];
  items?: Schema;
  $ref?: string;
  properties?: Record<string, Schema>;
  required?: string[];
};

function typeOf(schema: Schema | undefined): string {
  if (!schema) return "any";
  if (schema.$ref) return schema.$ref.split("/").pop()!;
  if (schema.enum) return schema.enum.map((v) => JSON.stringify(v)).join(" | ");
  if (schema.type === "array") return `${typeOf(schema.items)}[]`;
  return Array.isArray(schema.type) ? schema.type.join(" | ") : (schema.type ?? "object");
}

export function apiReference(serverUrl: string): { documentUrl: string; operations: ReferenceOperation[] } {
  const document = openApiDocument(serverUrl);
  const operations: ReferenceOperation[] = [];
  for (const [path, methods] of Object.entries(document.paths)) {
    for (const [method, raw] of Object.entries(methods)) {
      const op = raw as {
        operationId: string;
        tags: string[];
        summary: string;
        description: string;
        parameters: { name: string; in: string; required: boolean; schema: Schema }[];
        requestBody?: { content: { "application/json": { schema: Schema } } };
        responses: Record<string, { content: { "application/json": { schema: Schema } } }>;
      };
      const [status, answer] = Object.entries(op.responses)[0]!;
      const body = op.requestBody?.content["application/json"].schema;
      operations.push({
        id: op.operationId,
        tag: op.tags[0] ?? "",
        method: method.toUpperCase(),
        path,
        summary: op.summary,
        description: op.description,
        status,
        answer: typeOf(answer.content["application/json"].schema),
        fields: [
          ...op.parameters.map((p) => ({ name: p.name, where: p.in, required: p.required, type: typeOf(p.schema) })),
          ...Object.entries(body?.properties ?? {}).map(([name, schema]) => ({
            name,
            where: "body",
            required: body?.required?.includes(name) ?? false,
            type: typeOf(schema),
          })),
        ],
      });
    }
  }
  return { documentUrl: `${serverUrl}/api/v1/openapi.json`, operations };
}
