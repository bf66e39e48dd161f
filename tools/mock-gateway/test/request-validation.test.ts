// The mock validates requests itself (it did it with openapi-backend before): the same requests are refused
// with the same messages, and every schema is compiled once, on the first request that needs it.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { specSchemas } from "@allmhub/spec-model";
import { startMockGateway } from "../src/index.mjs";
import { filesOptional, reaches } from "../src/files-optional.mjs";
import { bodySchemaOf, parametersSchemaOf } from "../src/request-schemas.mjs";
import { createRequestValidator } from "../src/request-validator.mjs";

const require = createRequire(import.meta.url);
const spec = JSON.parse(readFileSync(require.resolve("@allmhub/spec/dist/openapi.json"), "utf8"));
const KEY = "sk-validation-test";

describe("requests to the mock", () => {
  let gateway: Awaited<ReturnType<typeof startMockGateway>>;
  const lines: string[] = [];
  beforeAll(async () => {
    gateway = await startMockGateway({ spec, apiKeys: [KEY], log: (line) => lines.push(line) });
  });
  afterAll(() => gateway.close());

  const send = async (method: string, path: string, body?: string, headers: Record<string, string> = {}) => {
    const res = await fetch(`${gateway.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${KEY}`, ...(body ? { "content-type": "application/json" } : {}), ...headers },
      body,
    });
    const answer = await res.json();
    return { status: res.status, message: answer?.error?.message as string | undefined, line: lines.at(-1) };
  };
  const refusal = (detail: string) => `mock gateway: request does not match the spec: ${detail}`;

  it("refuses a body without a required property", async () => {
    const r = await send(
      "POST",
      "/v1/chat/completions",
      JSON.stringify({ messages: [{ role: "user", content: "x" }] }),
    );
    expect(r).toEqual({
      status: 400,
      message: refusal("/requestBody must have required property 'model'"),
      line: "POST /v1/chat/completions -> createChatCompletion 400 not valid: request does not match the spec: /requestBody must have required property 'model'",
    });
  });

  it("lists every error of a body, in schema order", async () => {
    const r = await send("POST", "/v1/chat/completions", JSON.stringify({ model: 5, messages: "x" }));
    expect(r.message).toBe(refusal("/requestBody/model must be string; /requestBody/messages must be array"));
  });

  it("refuses a query parameter the operation does not have, naming it", async () => {
    const r = await send("GET", "/v1/models?zz_unknown=1");
    expect(r.message).toBe(refusal("/query must NOT have additional properties (zz_unknown)"));
  });

  it("refuses a body that is not JSON where only JSON is taken, and says the body is missing", async () => {
    const r = await send("POST", "/v1/chat/completions", "hello", { "content-type": "text/plain" });
    expect(r.status).toBe(400);
    expect(r.message).toMatch(
      /^mock gateway: request does not match the spec: \/ Unexpected token .*not valid JSON; \/ must have required property 'requestBody'$/,
    );
  });

  it("checks query parameters as their types (text to numbers) and a single value of an array parameter", async () => {
    expect((await send("GET", "/volc/v1/contents/generations/tasks?page_num=abc")).message).toBe(
      refusal("/query/page_num must be integer"),
    );
    const ok = await send("GET", "/volc/v1/contents/generations/tasks?page_num=2&filter.task_ids=one");
    expect(ok.status).toBe(200);
    expect(ok.line).toMatch(/listVolcVideoTasks 200 valid/);
  });

  it("does not require files of a form body sent as JSON, but its other required properties", async () => {
    expect((await send("POST", "/v1/audio/transcriptions", JSON.stringify({ model: "whisper-1" }))).status).toBe(200);
    expect((await send("POST", "/v1/audio/transcriptions", JSON.stringify({}))).message).toBe(
      refusal("/requestBody must have required property 'model'"),
    );
  });

  it("still refuses a form without its file", async () => {
    const form = new FormData();
    form.append("model", "whisper-1");
    const res = await fetch(`${gateway.url}/v1/audio/transcriptions`, {
      method: "POST",
      headers: { authorization: `Bearer ${KEY}` },
      body: form,
    });
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toBe(refusal("form field(s) file missing"));
  });

  it("compiles each schema once for all the mocks of a spec", async () => {
    const pointer = "#/components/schemas/ChatCompletionRequest";
    const before = specSchemas(spec).compiledTimes(pointer);
    expect(before).toBe(1);
    const second = await startMockGateway({ spec, apiKeys: [KEY] });
    try {
      const res = await fetch(`${second.url}/v1/chat/completions`, {
        method: "POST",
        headers: { authorization: `Bearer ${KEY}`, "content-type": "application/json" },
        body: JSON.stringify({ model: "m", messages: [{ role: "user", content: "x" }] }),
      });
      expect(res.status).toBe(200);
    } finally {
      await second.close();
    }
    expect(specSchemas(spec).compiledTimes(pointer)).toBe(1);
  });
});

/** A small spec: a path item parameter, parameters in every location, a form body with a file. */
function smallSpec() {
  const form = {
    type: "object",
    required: ["file", "name"],
    properties: { file: { $ref: "#/components/schemas/File" }, name: { type: "string" } },
  };
  return {
    openapi: "3.1.0",
    info: { title: "t", version: "1" },
    paths: {
      "/items/{id}": {
        parameters: [{ name: "limit", in: "query", schema: { type: "string" } }],
        get: {
          operationId: "getItem",
          parameters: [
            { name: "id", in: "path", required: true, schema: { type: "integer" } },
            { name: "limit", in: "query", schema: { type: "integer" } },
            { name: "tags", in: "query", schema: { type: "array", items: { type: "string" } } },
            { name: "X-Trace", in: "header", required: true, schema: { type: "string" } },
            { name: "filter", in: "query", schema: { type: "object", additionalProperties: { type: "string" } } },
          ],
          responses: { "200": { description: "ok" } },
        },
        post: {
          operationId: "upload",
          requestBody: {
            required: true,
            content: { "multipart/form-data": { schema: { $ref: "#/components/schemas/Form" } } },
          },
          responses: { "200": { description: "ok" } },
        },
        put: {
          operationId: "putFile",
          requestBody: {
            required: true,
            content: { "application/json": { schema: { $ref: "#/components/schemas/File" } } },
          },
          responses: { "200": { description: "ok" } },
        },
      },
    },
    components: { schemas: { Form: form, File: { type: "string", format: "binary" } } },
  };
}

describe("request schemas", () => {
  const ref = (pointer: string) => `ref:${pointer}`;

  it("gathers the parameters by location, header names in lower case, the path item's last", () => {
    const schema: any = parametersSchemaOf(smallSpec(), "/items/{id}", "get", ref);
    const op = "#/paths/~1items~1{id}/get/parameters";
    expect(schema.required).toEqual(["path", "header"]);
    expect(schema.properties.path).toEqual({
      type: "object",
      additionalProperties: false,
      properties: { id: { $ref: `ref:${op}/0/schema` } },
      required: ["id"],
    });
    expect(Object.keys(schema.properties.query.properties)).toEqual(["limit", "tags", "filter"]);
    expect(schema.properties.query.properties.limit).toEqual({ $ref: "ref:#/paths/~1items~1{id}/parameters/0/schema" });
    expect(schema.properties.query.additionalProperties).toEqual({ $ref: `ref:${op}/4/schema/additionalProperties` });
    expect(schema.properties.header.required).toEqual(["x-trace"]);
    expect(schema.properties.cookie).toEqual({
      type: "object",
      additionalProperties: true,
      properties: {},
      required: [],
    });
  });

  it("requires a body the spec requires, unless the body is a file", () => {
    const doc = smallSpec();
    expect(bodySchemaOf(doc, "/items/{id}", "post", ref)).toMatchObject({ required: ["requestBody"] });
    expect(bodySchemaOf(doc, "/items/{id}", "put", ref)).toMatchObject({ required: [] });
    expect(bodySchemaOf(doc, "/items/{id}", "get", ref)).toBeUndefined();
  });

  it("makes files optional in a copy of the spec", () => {
    const doc = smallSpec();
    const files = filesOptional(doc);
    expect(files).toBe(filesOptional(doc));
    expect([...files.changed]).toEqual(["#/components/schemas/Form"]);
    expect(files.doc.components.schemas.Form.required).toEqual(["name"]);
    expect(doc.components.schemas.Form.required).toEqual(["file", "name"]);
    const body = "#/paths/~1items~1{id}/post/requestBody/content/multipart~1form-data/schema";
    expect(reaches(doc, body, files.changed)).toBe(true);
    expect(reaches(doc, "#/paths/~1items~1{id}/get", files.changed)).toBe(false);
  });

  it("validates parsed requests: types coerced, single values of arrays listed, files not required", () => {
    const doc = smallSpec();
    const parsed = (over: Record<string, unknown>) => () =>
      ({
        params: { id: "7" },
        query: {},
        headers: { "x-trace": "t" },
        cookies: {},
        requestBody: undefined,
        ...over,
      }) as any;
    const get = { path: "/items/{id}", method: "get", operationId: "getItem" };
    expect(createRequestValidator(doc, parsed({ query: { limit: "5", tags: "a" } })).validate({}, get)).toBeNull();
    const errors = createRequestValidator(doc, parsed({ params: { id: "x" }, headers: {} })).validate({}, get);
    expect(errors?.map((e) => `${e.instancePath} ${e.message}`)).toEqual([
      "/path/id must be integer",
      "/header must have required property 'x-trace'",
    ]);
    const post = { path: "/items/{id}", method: "post", operationId: "upload" };
    const form = createRequestValidator(doc, parsed({ params: {}, requestBody: { name: "n" } }));
    expect(form.validate({ body: { name: "n" } }, post)).toBeNull();
    expect(() => form.validate({}, { path: "/items/{id}", method: "get" })).toThrow("Unknown operation");
  });
});
