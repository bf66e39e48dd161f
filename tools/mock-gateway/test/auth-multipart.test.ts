import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { coerceForm, startMockGateway } from "../src/index.mjs";

const ok = {
  "200": {
    description: "ok",
    content: { "application/json": { schema: { type: "object" }, examples: { a: { value: { ok: true } } } } },
  },
};
const spec = {
  openapi: "3.1.0",
  info: { title: "t", version: "1" },
  security: [{ bearerAuth: [] }],
  paths: {
    "/v1/messages": {
      post: { operationId: "m", security: [{ anthropicApiKey: [] }, { bearerAuth: [] }], responses: ok },
    },
    "/v1beta/models/{model}:generateContent": {
      post: {
        operationId: "g",
        security: [{ googleApiKey: [] }, { googleApiKeyQuery: [] }],
        parameters: [{ name: "model", in: "path", required: true, schema: { type: "string" } }],
        responses: ok,
      },
    },
    "/api/user/self": { get: { operationId: "u", security: [{ accessToken: [], newApiUser: [] }], responses: ok } },
    "/v1/audio/transcriptions": {
      post: {
        operationId: "t",
        requestBody: {
          required: true,
          content: {
            "multipart/form-data": {
              schema: {
                type: "object",
                required: ["file", "model"],
                properties: {
                  file: { type: "string", format: "binary" },
                  model: { type: "string" },
                  temperature: { type: "number" },
                  timestamp_granularities: { type: "array", items: { type: "string" } },
                },
              },
            },
          },
        },
        responses: ok,
      },
    },
  },
  components: {
    securitySchemes: {
      bearerAuth: { type: "http", scheme: "bearer" },
      anthropicApiKey: { type: "apiKey", in: "header", name: "x-api-key" },
      googleApiKey: { type: "apiKey", in: "header", name: "x-goog-api-key" },
      googleApiKeyQuery: { type: "apiKey", in: "query", name: "key" },
      accessToken: { type: "apiKey", in: "header", name: "Authorization" },
      newApiUser: { type: "apiKey", in: "header", name: "New-Api-User" },
    },
  },
};

const KEY = "sk-mock-key";
let gateway: { url: string; close(): Promise<void> };
beforeAll(async () => {
  gateway = await startMockGateway({ spec, apiKeys: [KEY], accessTokens: ["token-1"] });
});
afterAll(() => gateway.close());

const status = async (path: string, init: RequestInit) => (await fetch(`${gateway.url}${path}`, init)).status;

describe("mock gateway authentication per dialect", () => {
  it("accepts Claude's x-api-key and Bearer, rejects a wrong key", async () => {
    expect(await status("/v1/messages", { method: "POST", headers: { "x-api-key": KEY } })).toBe(200);
    expect(await status("/v1/messages", { method: "POST", headers: { authorization: `Bearer ${KEY}` } })).toBe(200);
    expect(await status("/v1/messages", { method: "POST", headers: { "x-api-key": "sk-wrong" } })).toBe(401);
  });
  it("accepts Gemini's x-goog-api-key and ?key=", async () => {
    expect(
      await status("/v1beta/models/g:generateContent", { method: "POST", headers: { "x-goog-api-key": KEY } }),
    ).toBe(200);
    expect(await status(`/v1beta/models/g:generateContent?key=${KEY}`, { method: "POST" })).toBe(200);
    expect(await status("/v1beta/models/g:generateContent", { method: "POST" })).toBe(401);
  });
  it("takes the access token with New-Api-User on account APIs, and never the API key there", async () => {
    expect(await status("/api/user/self", { headers: { authorization: "token-1", "new-api-user": "1" } })).toBe(200);
    expect(await status("/api/user/self", { headers: { authorization: "token-1" } })).toBe(401);
    expect(await status("/api/user/self", { headers: { authorization: `Bearer ${KEY}`, "new-api-user": "1" } })).toBe(
      401,
    );
  });
});

describe("mock gateway multipart bodies", () => {
  it("validates uploaded forms, with files and typed fields", async () => {
    const form = new FormData();
    form.append("file", new Blob([new Uint8Array([1, 2])], { type: "audio/mpeg" }), "a.mp3");
    form.append("model", "whisper-1");
    form.append("temperature", "0.2");
    form.append("timestamp_granularities[]", "word");
    expect(
      await status("/v1/audio/transcriptions", {
        method: "POST",
        headers: { authorization: `Bearer ${KEY}` },
        body: form,
      }),
    ).toBe(200);
  });
  it("rejects a form that misses a required file", async () => {
    const form = new FormData();
    form.append("model", "whisper-1");
    expect(
      await status("/v1/audio/transcriptions", {
        method: "POST",
        headers: { authorization: `Bearer ${KEY}` },
        body: form,
      }),
    ).toBe(400);
  });
  it("coerces form text to the declared types", () => {
    const schema = {
      properties: {
        n: { type: "integer" },
        ok: { type: "boolean" },
        tags: { type: "array", items: { type: "string" } },
        s: { type: "string" },
      },
    };
    expect(coerceForm({ n: "2", ok: "true", "tags[]": "a", s: "3" }, schema)).toEqual({
      n: 2,
      ok: true,
      tags: ["a"],
      s: "3",
    });
  });
});
