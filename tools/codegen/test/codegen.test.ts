import { describe, expect, it } from "vitest";
// @ts-expect-error -- plain ESM module typed by JSDoc
import { authSchemes, describeOperations, filterByPackage, generateExampleChecks, generateOperations, generateTypes } from "../src/index.mjs";

const doc = {
  openapi: "3.1.0",
  info: { title: "t", version: "1" },
  security: [{ bearerAuth: [] }],
  tags: [{ name: "chat" }, { name: "media" }],
  paths: {
    "/v1beta/models/{model}:generateContent": {
      post: {
        operationId: "generateContent",
        tags: ["chat"],
        "x-package": "chat",
        parameters: [{ name: "model", in: "path", required: true, schema: { type: "string" }, examples: { a: { value: "gemini-2.5-flash" } } }],
        requestBody: {
          required: true,
          content: { "application/json": { schema: { $ref: "#/components/schemas/Req" }, examples: { a: { value: { contents: [] } } } } },
        },
        responses: {
          "200": {
            description: "ok",
            content: {
              "application/json": { schema: { $ref: "#/components/schemas/Res" } },
              "text/event-stream": { schema: { type: "string", contentSchema: { $ref: "#/components/schemas/Res" } } },
            },
          },
        },
      },
    },
    "/v1/audio/transcriptions": {
      post: {
        operationId: "createTranscription",
        tags: ["media"],
        "x-package": "media",
        requestBody: {
          required: true,
          content: {
            "multipart/form-data": {
              schema: { type: "object", required: ["file"], properties: { file: { type: "string", format: "binary" }, model: { type: "string" } } },
            },
          },
        },
        responses: { "200": { description: "ok", content: { "audio/mpeg": { schema: { type: "string", format: "binary" } } } } },
      },
    },
  },
  components: {
    securitySchemes: { bearerAuth: { type: "http", scheme: "bearer" } },
    schemas: {
      Req: { type: "object", properties: { contents: { type: "array", items: { $ref: "#/components/schemas/Content" } } } },
      Content: { type: "object" },
      Res: { type: "object" },
      Unused: { type: "object" },
    },
  },
};

describe("filterByPackage", () => {
  it("keeps the package's operations and only the components they reach", () => {
    const chat = filterByPackage(doc, "chat");
    expect(Object.keys(chat.paths)).toEqual(["/v1beta/models/{model}:generateContent"]);
    expect(Object.keys(chat.components.schemas).sort()).toEqual(["Content", "Req", "Res"]);
    expect(chat.components.securitySchemes.bearerAuth).toBeDefined();
    expect(chat.tags).toEqual([{ name: "chat" }]);
    const media = filterByPackage(doc, "media");
    expect(Object.keys(media.paths)).toEqual(["/v1/audio/transcriptions"]);
    expect(media.components.schemas).toBeUndefined();
  });
});

describe("describeOperations", () => {
  it("reads parameters, bodies and answer kinds", () => {
    const [transcription, generate] = describeOperations(doc);
    expect(generate).toMatchObject({ operationId: "generateContent", hasParams: true, paramsRequired: true, streamEventSchema: "Res" });
    expect(generate.success).toMatchObject({ json: true, stream: true });
    expect(transcription).toMatchObject({ body: { media: "multipart/form-data", required: true } });
    expect(transcription.success.binary).toBe("audio/mpeg");
  });
});

describe("authSchemes", () => {
  it("maps security requirements to the SDK's authentications, an empty requirement or an empty own list to none", () => {
    expect(authSchemes([{ accessToken: [], newApiUser: [] }, { accessToken: [] }], true)).toEqual(["accessToken"]);
    expect(authSchemes([{ accessToken: [] }, {}], true)).toEqual(["accessToken", "none"]);
    expect(authSchemes([], true)).toEqual(["none"]);
    expect(authSchemes([])).toEqual(["bearer"]);
    expect(authSchemes([{ bearerAuth: [] }, { googleApiKeyQuery: [] }])).toEqual(["bearer", "googleQuery"]);
  });
});

describe("generated code", () => {
  it("types pass-through strings with their known values, still open to new ones", async () => {
    const doc2 = structuredClone(doc);
    (doc2.components.schemas.Req.properties as Record<string, unknown>).model = { type: "string", examples: ["gpt-4.1", "gpt-5"] };
    (doc2.components.schemas.Req.properties as Record<string, unknown>).effort = { type: "string", enum: ["low", "high"] };
    const types = await generateTypes(filterByPackage(doc2, "chat"));
    expect(types).toMatch(/model\?: "gpt-4\.1" \| "gpt-5" \| \(string & \{\}\);/);
    expect(types).toMatch(/effort\?: "low" \| "high";/);
  });
  it("types binary fields as Blob", async () => {
    const types = await generateTypes(filterByPackage(doc, "media"));
    expect(types).toMatch(/file: Blob;/);
    expect(types).toMatch(/"audio\/mpeg": Blob;/);
  });
  it("gives a streaming operation a plain and a Stream method, and a multipart one a multipart descriptor", () => {
    const chat = generateOperations(filterByPackage(doc, "chat"), "chat");
    expect(chat).toContain("generateContent(params: GenerateContentParams, body: GenerateContentBody, options?: RequestOptions): Promise<GenerateContentResult>;");
    expect(chat).toContain("generateContentStream(params: GenerateContentParams, body: GenerateContentBody, options?: RequestOptions): Promise<Stream<GenerateContentStreamEvent>>;");
    expect(chat).toContain('generateContent: { method: "post", path: "/v1beta/models/{model}:generateContent", args: ["params","body"], stream: "also" }');
    expect(chat).toContain("export const operationCodecs: OperationCodecs = { stream: Stream };");
    expect(chat).toContain("return bindOperations<ChatOperations>(client, operationDescriptors, operationCodecs);");
    const media = generateOperations(filterByPackage(doc, "media"), "media");
    expect(media).toContain("export const operationCodecs: OperationCodecs = { form: multipartBody };");
    expect(media).toContain('createTranscription: { method: "post", path: "/v1/audio/transcriptions", requestBody: "multipart", response: "binary", args: ["body"] }');
  });
  it("binds the envelope checks of the kinds the package's operations use, and only those", () => {
    const answer = { "200": { description: "ok", content: { "application/json": { schema: { type: "object" } } } } };
    const get = (operationId: string, envelope: string) => ({ get: { operationId, "x-package": "admin", "x-envelope": envelope, responses: answer } });
    const admin = generateOperations({ ...doc, paths: { "/api/user/self": get("getCurrentUser", "account"), "/api/usage/token/": get("getTokenUsage", "task-code") } }, "admin");
    expect(admin).toContain('import { bindOperations, accountEnvelope, taskCodeEnvelope } from "@allmhub/core";');
    expect(admin).toContain('export const operationCodecs: OperationCodecs = { envelope: { account: accountEnvelope, "task-code": taskCodeEnvelope } };');
    expect(admin).toContain('getCurrentUser: { method: "get", path: "/api/user/self", envelope: "account" }');
    expect(admin).not.toContain("midjourneyEnvelope");
  });
  it("states every request example against its generated type", () => {
    const checks = generateExampleChecks(filterByPackage(doc, "chat"));
    expect(checks).toContain("satisfies GenerateContentParams");
    expect(checks).toContain("satisfies GenerateContentBody");
  });
});
