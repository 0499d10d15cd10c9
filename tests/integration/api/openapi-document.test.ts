import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { describe, expect, it } from "vitest";
import { API_V1_OPERATIONS } from "@/lib/api/v1/operations";
import { openApi } from "./support";

// The OpenAPI document served at /api/v1/openapi.json: OpenAPI 3.1, one operation per route
// handler of app/api/v1, each with its permission, and schemas that compile. That answers
// match it is checked by every API test (./support.ts).

function routeFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? routeFiles(path) : entry === "route.ts" ? [path] : [];
  });
}

describe("the OpenAPI document", () => {
  it("describes every operation the routes serve, with schemas that compile", async () => {
    const document = await openApi();
    expect(document.openapi).toBe("3.1.0");
    const served = routeFiles("app/api/v1/workspaces")
      .map((file) =>
        file
          .replace(/^app\/api\/v1/, "")
          .replace(/\/route\.ts$/, "")
          .replace(/\[(\w+)\]/g, "{$1}"),
      )
      .sort();
    expect(Object.keys(document.paths).sort()).toEqual(served);
    expect(API_V1_OPERATIONS.map((o) => o.id)).toHaveLength(new Set(API_V1_OPERATIONS.map((o) => o.id)).size);

    const ajv = new Ajv2020({ strict: true });
    addFormats.default(ajv);
    const defs = JSON.parse(
      JSON.stringify(document.components.schemas).replaceAll('"#/components/schemas/', '"#/$defs/'),
    ) as Record<string, unknown>;
    for (const [path, methods] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(methods)) {
        const op = operation as unknown as {
          responses: Record<string, { content: { "application/json": { schema: object } } }>;
          requestBody?: { content: { "application/json": { schema: object } } };
        };
        const schemas = [
          ...Object.values(op.responses).map((r) => r.content["application/json"].schema),
          ...(op.requestBody ? [op.requestBody.content["application/json"].schema] : []),
        ];
        for (const schema of schemas) {
          const text = JSON.stringify(schema).replaceAll('"#/components/schemas/', '"#/$defs/');
          expect(() => ajv.compile({ ...JSON.parse(text), $defs: defs }), `${method} ${path}`).not.toThrow();
        }
      }
    }
  });

  it("documents each request body from the same zod schema that parses it", async () => {
    const document = await openApi();
    const post = document.paths["/workspaces/{slug}/runtimes"]!.post as unknown as {
      requestBody: { content: { "application/json": { schema: { properties: Record<string, unknown> } } } };
    };
    const properties = post.requestBody.content["application/json"].schema.properties;
    expect(Object.keys(properties)).toEqual(
      expect.arrayContaining(["name", "image", "cpu", "memory", "replicas", "runtimeClass", "ports", "env"]),
    );
    expect(properties.name).toMatchObject({ type: "string", maxLength: 40 });
  });
});
