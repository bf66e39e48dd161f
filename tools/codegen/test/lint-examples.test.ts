import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { lintExamples, lintSpec } from "../src/index.mjs";

/** A small document with one example or default of each kind; `broken` makes each of them wrong. */
function docWith(broken: boolean) {
  return {
    openapi: "3.1.0",
    info: { title: "t", version: "1" },
    paths: {
      "/v1/things/{id}": {
        parameters: [
          { name: "id", in: "path", required: true, schema: { type: "string" }, example: broken ? 7 : "t-1" },
        ],
        post: {
          operationId: "createThing",
          parameters: [
            {
              name: "limit",
              in: "query",
              schema: { type: "integer", minimum: 1 },
              examples: { small: { value: broken ? 0 : 5 } },
            },
          ],
          requestBody: {
            content: {
              "application/json": {
                schema: { $ref: "#/components/schemas/Thing" },
                examples: {
                  basic: { $ref: "#/components/examples/thing" },
                  remote: { externalValue: "https://example.com/thing.json" },
                },
              },
            },
          },
          responses: {
            "200": {
              description: "ok",
              headers: { "x-count": { schema: { type: "integer" }, example: broken ? "three" : 3 } },
              content: {
                "application/json": {
                  schema: { type: "object", required: ["id"], properties: { id: { type: "string" } } },
                  examples: { done: { value: broken ? { name: "no id" } : { id: "t-1" } } },
                },
              },
            },
          },
        },
      },
    },
    components: {
      schemas: {
        Thing: {
          type: "object",
          required: ["name"],
          additionalProperties: false,
          properties: {
            name: { type: "string" },
            size: { type: "string", enum: ["s", "m"], default: broken ? "xl" : "s" },
            tags: { type: "array", items: { type: "integer", default: broken ? "one" : 1 } },
          },
          examples: [broken ? { name: "a", colour: "red" } : { name: "a" }],
        },
        Pick: { oneOf: [{ type: "string" }, { type: "number", default: broken ? "1" : 1 }] },
      },
      examples: { thing: { value: broken ? { name: 1 } : { name: "a" } } },
    },
  };
}

describe("lintExamples", () => {
  it("finds nothing in a document whose examples and defaults all fit", () => {
    expect(lintExamples(docWith(false))).toEqual([]);
  });

  it("reports each wrong example and default where it is used, with spectral:oas's rule names", () => {
    const found = lintExamples(docWith(true)).map((r) => `${r.code} ${r.path.join("/")}: ${r.message}`);
    expect(found).toEqual([
      "oas3-valid-media-example paths//v1/things/{id}/parameters/0/example: value must be string",
      "oas3-valid-media-example paths//v1/things/{id}/post/parameters/0/examples/small/value: value must be >= 1",
      'oas3-valid-media-example paths//v1/things/{id}/post/requestBody/content/application/json/examples/basic/value: "name" property must be string',
      "oas3-valid-media-example paths//v1/things/{id}/post/responses/200/content/application/json/examples/done/value: value must have required property 'id'",
      "oas3-valid-media-example paths//v1/things/{id}/post/responses/200/headers/x-count/example: value must be integer",
      "oas3-valid-schema-example components/schemas/Thing/examples/0: value must NOT have additional properties: colour",
      "oas3-valid-schema-example components/schemas/Thing/properties/size/default: value must be equal to one of the allowed values",
      "oas3-valid-schema-example components/schemas/Thing/properties/tags/items/default: value must be integer",
      "oas3-valid-schema-example components/schemas/Pick/oneOf/1/default: value must be number",
    ]);
    expect(lintExamples(docWith(true)).every((r) => r.severity === 0)).toBe(true);
  });

  it("checks a shared example against the schema of every place that uses it", () => {
    const doc = docWith(false) as ReturnType<typeof docWith> & { paths: Record<string, unknown> };
    doc.paths["/v1/other"] = {
      post: {
        operationId: "other",
        requestBody: {
          content: {
            "application/json": {
              schema: { type: "object", required: ["id"] },
              examples: { reused: { $ref: "#/components/examples/thing" } },
            },
          },
        },
        responses: {},
      },
    };
    expect(lintExamples(doc).map((r) => r.path.join("/"))).toEqual([
      "paths//v1/other/post/requestBody/content/application/json/examples/reused/value",
    ]);
  });
});

describe("lintSpec", () => {
  it("merges Spectral's findings with the example checks, and fails on a wrong example", async () => {
    const dir = mkdtempSync(join(tmpdir(), "allmhub-lint-"));
    try {
      const file = join(dir, "openapi.json");
      writeFileSync(file, JSON.stringify(docWith(true)));
      const { results, counts } = await lintSpec(file);
      const codes = new Set(results.map((r) => r.code));
      // From the example checks ...
      expect(codes).toContain("oas3-valid-media-example");
      expect(codes).toContain("oas3-valid-schema-example");
      // ... and from Spectral, which ran on the same file (the document lacks tags, servers and the project's x- fields).
      expect(codes).toContain("allmhub-operation-package");
      expect(results.filter((r) => r.code.startsWith("oas3-valid-")).length).toBe(9);
      expect(counts.error).toBeGreaterThanOrEqual(9);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
