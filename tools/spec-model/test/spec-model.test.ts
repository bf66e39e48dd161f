import { describe, expect, it } from "vitest";
import {
  PACKAGES,
  bundlePath,
  deref,
  derefWithName,
  envelopeFailure,
  exampleSource,
  createSpecValidator,
  operationsById,
  operationsOf,
  pathParameterNames,
  pickExample,
  repoRoot,
  resolvePointer,
  schemaNameOf,
} from "../src/index.mjs";

const doc = {
  openapi: "3.1.0",
  info: { title: "t", version: "1" },
  paths: {
    "/a/{id}": {
      parameters: [{ $ref: "#/components/parameters/Id" }, { name: "q", in: "query", schema: { type: "string" } }],
      get: {
        operationId: "getA",
        "x-package": "chat",
        parameters: [
          { name: "q", in: "query", required: true, schema: { type: "integer" } },
          { name: "c", in: "cookie" },
        ],
        responses: {
          "404": { description: "no" },
          "201": { $ref: "#/components/responses/Made" },
          "200": {
            description: "ok",
            content: { "application/json": { schema: { $ref: "#/components/schemas/A~1B" } } },
          },
        },
      },
      post: { responses: {} },
    },
  },
  components: {
    parameters: { Id: { name: "id", in: "path", required: true, schema: { type: "string" } } },
    responses: { Made: { description: "made" } },
    schemas: {
      "A/B": { type: "object", required: ["n"], properties: { n: { type: "integer" } } },
      Alias: { $ref: "#/components/schemas/A~1B" },
    },
  },
};

describe("references", () => {
  it("resolves escaped and URI-encoded pointers, and follows chains of $ref", () => {
    expect(resolvePointer(doc, "#/components/schemas/A~1B")).toBe(doc.components.schemas["A/B"]);
    expect(resolvePointer(doc, "#/paths/%7E1a%7E1%7Bid%7D")).toBe(doc.paths["/a/{id}"]);
    expect(resolvePointer(doc, "#/paths/~1a~1%7Bid%7D/get/operationId")).toBe("getA");
    expect(resolvePointer(doc, "other.yaml#/x")).toBeUndefined();
    expect(deref(doc, { $ref: "#/components/schemas/Alias" })).toBe(doc.components.schemas["A/B"]);
    expect(derefWithName(doc, { $ref: "#/components/schemas/Alias" }).ref).toBe("#/components/schemas/A~1B");
    expect(deref(doc, { type: "string" })).toEqual({ type: "string" });
    const loop = { components: { schemas: { X: { $ref: "#/components/schemas/X" } } } };
    expect(deref(loop, { $ref: "#/components/schemas/X" })).toEqual({ $ref: "#/components/schemas/X" });
    expect(schemaNameOf("#/components/schemas/A~1B")).toBe("A/B");
    expect(schemaNameOf("#/components/responses/Made")).toBeNull();
  });
});

describe("operationsOf", () => {
  it("walks every method in document order with merged parameters and the first 2xx answer", () => {
    const [getA, post] = operationsOf(doc);
    expect(getA).toMatchObject({ path: "/a/{id}", method: "get", operationId: "getA", package: "chat" });
    expect(
      getA!.parameters.map((p: { name: string; in: string; schema: unknown }) => [p.in, p.name, p.schema]),
    ).toEqual([
      ["path", "id", { type: "string" }],
      ["query", "q", { type: "integer" }],
    ]);
    expect(getA!.success).toEqual({ status: "200", content: doc.paths["/a/{id}"].get.responses["200"].content });
    expect(post).toMatchObject({ operationId: "POST /a/{id}", success: { status: undefined, content: {} } });
    expect([...operationsById(doc).keys()]).toEqual(["getA", "POST /a/{id}"]);
    expect(pathParameterNames("/kling/v1/{action}/{action2}/{task_id}")).toEqual(["action", "action2", "task_id"]);
  });
});

describe("examples and envelopes", () => {
  it("picks an example by name or the first one", () => {
    const media = { examples: { one: { value: 1 }, two: { value: 2 } } };
    expect(pickExample(media, "two")).toEqual({ name: "two", value: 2 });
    expect(pickExample(media, undefined)).toEqual({ name: "one", value: 1 });
    expect(pickExample(media, "three")).toBeUndefined();
    expect(pickExample({ example: 5 }, undefined)).toEqual({ name: "example", value: 5 });
    expect(exampleSource({ "x-doc-page": { site: "allmhub", title: "Chat" } })).toBe("allmhub: Chat");
    expect(exampleSource({ "x-source": "written" })).toBe("written by the team");
    expect(exampleSource({})).toBe("");
  });
  it("tells failure envelopes from successes, as the SDK does", () => {
    expect(envelopeFailure("midjourney", { code: 22 })).toBeNull();
    expect(envelopeFailure("midjourney", { code: 24 })).toBe("code 24");
    expect(envelopeFailure("account", { success: false })).toBe("success false");
    expect(envelopeFailure("task-code", { code: 0 })).toBeNull();
    expect(envelopeFailure("task-code", { code: "fail" })).toBe("code fail");
    expect(envelopeFailure(null, { code: 24 })).toBeNull();
  });
});

describe("createSpecValidator", () => {
  it("validates values against schemas of the document by pointer", () => {
    const v = createSpecValidator(doc);
    expect(v.errors("#/components/schemas/A~1B", { n: 1 })).toEqual([]);
    expect(v.errors("#/components/schemas/Alias", { n: "x" }).map((e) => e.instancePath)).toEqual(["/n"]);
  });
});

describe("paths", () => {
  it("finds the repository and names the bundles", () => {
    expect(repoRoot()).toMatch(/\S/);
    expect(bundlePath("chat")).toBe(`${repoRoot()}/spec/dist/chat.json`);
    expect(PACKAGES).toEqual(["chat", "media", "tasks", "admin"]);
  });
});
