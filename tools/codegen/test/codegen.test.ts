import { describe, expect, it } from "vitest";
import {
  argumentName,
  authSchemes,
  describeOperations,
  documentationLines,
  filterByPackage,
  gatewayLines,
  gatewayNote,
  generateExampleChecks,
  generateOperations,
  generateTypes,
  methodNames,
  prepareForTypes,
  sampleModule,
  splitExtraFields,
  taskRule,
  tsLiteral,
} from "../src/index.mjs";

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
        parameters: [
          {
            name: "model",
            in: "path",
            required: true,
            schema: { type: "string" },
            examples: { a: { value: "gemini-2.5-flash" } },
          },
        ],
        requestBody: {
          required: true,
          content: {
            "application/json": {
              schema: { $ref: "#/components/schemas/Req" },
              examples: { a: { value: { contents: [] } } },
            },
          },
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
              schema: {
                type: "object",
                required: ["file"],
                properties: { file: { type: "string", format: "binary" }, model: { type: "string" } },
              },
            },
          },
        },
        responses: {
          "200": { description: "ok", content: { "audio/mpeg": { schema: { type: "string", format: "binary" } } } },
        },
      },
    },
  },
  components: {
    securitySchemes: { bearerAuth: { type: "http", scheme: "bearer" } },
    schemas: {
      Req: {
        type: "object",
        properties: { contents: { type: "array", items: { $ref: "#/components/schemas/Content" } } },
      },
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
  it("reads parameters, bodies and answer kinds, and the arguments of the call shape", () => {
    const [transcription, generate] = describeOperations(doc);
    expect(generate).toMatchObject({
      operationId: "generateContent",
      pathParams: [{ name: "model", ident: "model" }],
      input: "body",
      inputOptional: false,
      streamEventSchema: "Res",
    });
    expect(generate!.success).toMatchObject({ json: true, stream: true });
    expect(transcription).toMatchObject({
      body: { media: "multipart/form-data", required: true },
      input: "body",
      pathParams: [],
    });
    expect(transcription!.success.binary).toBe("audio/mpeg");
  });

  it("names path arguments in camelCase, and refuses what the call shape cannot express", () => {
    expect(["task_id", "model_path", "action2", "body", "X-Id"].map(argumentName)).toEqual([
      "taskId",
      "modelPath",
      "action2",
      "bodyParam",
      "XId",
    ]);
    const get = (parameters: unknown[], path = "/t/{id}") => ({
      paths: { [path]: { get: { operationId: "getT", parameters, responses: { "200": { description: "ok" } } } } },
    });
    const id = { name: "id", in: "path", required: true, schema: { type: "string" } };
    expect(() => describeOperations(get([]))).toThrow(/names \{id\} but declares no such path parameter/);
    expect(() =>
      describeOperations(get([id, { name: "X-V", in: "header", required: true, schema: { type: "string" } }])),
    ).toThrow(/required header X-V needs x-sdk-default/);
    expect(() =>
      describeOperations(get([{ name: "timeout", in: "query", schema: { type: "integer" } }], "/t")),
    ).toThrow(/query parameter timeout has the name of a call option/);
    expect(describeOperations(get([{ name: "p", in: "query", schema: { type: "integer" } }], "/t"))[0]).toMatchObject({
      input: "query",
      inputOptional: true,
    });
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

describe("code samples", () => {
  const [transcription, generate] = describeOperations(doc);

  it("name the methods of an operation: the plain call, the streamed one, or the stream alone", () => {
    expect(generate!.methods).toEqual({ call: "generateContent", stream: "generateContentStream" });
    expect(transcription!.methods).toEqual({ call: "createTranscription", stream: null });
    expect(methodNames("s", { status: "200", json: false, text: false, binary: null, stream: true })).toEqual({
      call: null,
      stream: "s",
    });
  });

  it("write a module in the call shape: path arguments, body, then headers, query and extraBody in the options", () => {
    const code = sampleModule(generate!, "chat", {
      name: "a",
      source: "site: page",
      path: { model: "gemini-2.5-flash" },
      header: { "x-v": "1" },
      query: { alt: "sse" },
      body: { contents: [], stream: true, typo: 1 },
      bodyMedia: "application/json",
      extraFields: ["typo"],
      stream: true,
    });
    expect(code).toBe(
      [
        '// Example "a" (site: page).',
        'import { createChatClient } from "@allmhub/chat";',
        "",
        "// The client reads ALLMHUB_API_KEY and ALLMHUB_BASE_URL.",
        "const chat = createChatClient();",
        'const model = "gemini-2.5-flash";',
        "const stream = await chat.generateContentStream(",
        "  model,",
        "  { contents: [], stream: true },",
        '  { headers: { "x-v": "1" }, extraBody: { typo: 1 }, query: { alt: "sse" } },',
        ");",
        "for await (const event of stream) console.log(event);",
        "",
      ].join("\n"),
    );
  });

  it("drop the stream flag the streamed method sends, and upload files with toFile", () => {
    const streamed = { ...generate!, streamFlag: "stream" };
    expect(
      sampleModule(streamed, "chat", { name: "a", path: { model: "m" }, body: { stream: true }, stream: true }),
    ).toContain("await chat.generateContentStream(model, {});");
    const code = sampleModule(transcription!, "media", {
      name: "f",
      body: { file: "<binary a.m4a>", files: ["<file>"], model: "whisper-1" },
      bodyMedia: "multipart/form-data",
    });
    expect(code).toContain(
      'import { createReadStream } from "node:fs";\nimport { createMediaClient, toFile } from "@allmhub/media";',
    );
    expect(code).toContain('file: await toFile(createReadStream("a.m4a"), "a.m4a"),');
    expect(code).toContain('files: [await toFile(createReadStream("file.bin"), "file.bin")],');
    expect(code).toContain("console.log(answer.type, answer.size); // the bytes, as a Blob");
  });

  it("say why an x-untyped example is not shown, and name an operation without request examples by its summary", () => {
    const skipped = sampleModule(generate!, "chat", { name: "u", untyped: "The page sends a number as text." });
    expect(skipped.replace(/\n\/\/ /g, " ")).toMatch(
      /^\/\/ Example "u"\. Not shown as an SDK call: .*\(x-untyped\)\. The page sends a number as text\.\n$/,
    );
    expect(skipped).not.toContain("import");
    const listing = sampleModule({ ...generate!, summary: "Generate.", pathParams: [] }, "chat", { name: null });
    expect(listing).toMatch(/^\/\/ Generate\.\n/);
    expect(listing).toContain("await chat.generateContent({});");
  });

  it("write literals with bare identifier keys, on one line while they fit", () => {
    expect(tsLiteral({ a: 1, "b.c": [true, null], d: { e: "x" } })).toBe(
      '{ a: 1, "b.c": [true, null], d: { e: "x" } }',
    );
    expect(tsLiteral({ a: "x".repeat(90), b: 1 })).toBe(`{\n  a: "${"x".repeat(90)}",\n  b: 1,\n}`);
    expect(tsLiteral([])).toBe("[]");
  });
});

describe("generated code", () => {
  it("types pass-through strings with their known values, still open to new ones", async () => {
    const doc2 = structuredClone(doc);
    (doc2.components.schemas.Req.properties as Record<string, unknown>).model = {
      type: "string",
      examples: ["gpt-4.1", "gpt-5"],
    };
    (doc2.components.schemas.Req.properties as Record<string, unknown>).effort = {
      type: "string",
      enum: ["low", "high"],
    };
    const types = await generateTypes(filterByPackage(doc2, "chat"));
    expect(types).toMatch(/model\?: "gpt-4\.1" \| "gpt-5" \| \(string & \{\}\);/);
    expect(types).toMatch(/effort\?: "low" \| "high";/);
  });

  it("closes objects that list their fields (a misspelled field is a type error), keeps maps and x-open-type objects open", async () => {
    const doc2 = structuredClone(doc) as any;
    doc2.components.schemas.Req.additionalProperties = true;
    doc2.components.schemas.Content = { type: "object", additionalProperties: true };
    doc2.components.schemas.Res = {
      type: "object",
      properties: { a: { type: "string" } },
      additionalProperties: true,
      "x-open-type": true,
    };
    const prepared = prepareForTypes(filterByPackage(doc2, "chat"));
    expect(prepared.components.schemas.Req.additionalProperties).toBeUndefined();
    expect(prepared.components.schemas.Content.additionalProperties).toBe(true);
    expect(prepared.components.schemas.Res.additionalProperties).toBe(true);
    expect(doc2.components.schemas.Req.additionalProperties).toBe(true);
    const types = await generateTypes(filterByPackage(doc2, "chat"));
    const req = /Req: \{[^}]*\}/s.exec(types)?.[0] ?? "";
    expect(req).toContain("contents?:");
    expect(req).not.toContain("[key: string]");
    expect(types).toMatch(/Content: \{\s*\[key: string\]: unknown;\s*\}/);
  });

  it("shows what new-api does with a field in its doc comment", async () => {
    const doc2 = structuredClone(doc) as any;
    doc2.components.schemas.Req.properties.seed = {
      type: "integer",
      description: "Random seed.",
      "x-new-api": { dropped: true },
    };
    doc2.components.schemas.Req.properties.index = { type: "integer", "x-new-api": { note: "an int in the gateway" } };
    const types = await generateTypes(filterByPackage(doc2, "chat"));
    expect(types).toMatch(/Random seed\.\s+\*\s+\*\s+A stock new-api drops this field .* pass-through setting is on\./);
    expect(types).toContain("new-api: an int in the gateway");
    expect(gatewayNote({ "x-new-api": { dropped: true, note: "whatever the pass-through setting" } })).toBe(
      "A stock new-api drops this field: whatever the pass-through setting",
    );
  });

  it("types binary fields as Blob", async () => {
    const types = await generateTypes(filterByPackage(doc, "media"));
    expect(types).toMatch(/file: Blob;/);
    expect(types).toMatch(/"audio\/mpeg": Blob;/);
  });

  it("takes path parameters positionally, then the body, then the options; gives a streaming operation a Stream method", () => {
    const chat = generateOperations(filterByPackage(doc, "chat"), "chat");
    expect(chat).toContain(
      'generateContent(model: GenerateContentPath["model"], body: GenerateContentBody, options?: RequestOptions): Promise<GenerateContentResult>;',
    );
    expect(chat).toContain(
      'generateContentStream(model: GenerateContentPath["model"], body: GenerateContentBody, options?: RequestOptions): Promise<Stream<GenerateContentStreamEvent>>;',
    );
    // The route; a body is the default of a POST, and the …Stream method of an operation that also streams
    // sets `stream` by default: this one names no flag (no x-stream-flag), which the entry says.
    expect(chat).toContain(
      'generateContent: ["POST /v1beta/models/{model}:generateContent", { stream: "also", streamFlag: null }],',
    );
    expect(chat).toContain('import { bindOperations } from "@allmhub/core/internal";');
    expect(chat).toContain('import { Stream } from "@allmhub/core";');
    // What ends a stream (`x-stream-end` of its answer) goes into the descriptor as streamEnd.
    const ended = structuredClone(doc);
    const events: Record<string, unknown> =
      ended.paths["/v1beta/models/{model}:generateContent"].post.responses["200"].content["text/event-stream"];
    events["x-stream-end"] = ["response.completed", "response.failed"];
    expect(generateOperations(filterByPackage(ended, "chat"), "chat")).toContain(
      'stream: "also", streamFlag: null, streamEnd: ["response.completed","response.failed"] }],',
    );
    // A flag named `stream` is the default, and is left out.
    const flagged = structuredClone(doc) as any;
    flagged.paths["/v1beta/models/{model}:generateContent"].post["x-stream-flag"] = "stream";
    expect(generateOperations(filterByPackage(flagged, "chat"), "chat")).toContain(
      'generateContent: ["POST /v1beta/models/{model}:generateContent", { stream: "also" }],',
    );
    expect(chat).toContain("export const operationCodecs: OperationCodecs = { stream: Stream };");
    expect(chat).toContain("return bindOperations<ChatOperations>(client, operationDescriptors, operationCodecs);");
    // The table is typed by its annotation (one OperationEntry per operationId), which its declaration keeps.
    expect(chat).toContain("export const operationDescriptors: OperationTable<keyof operations> = {");
    expect(chat).toContain(
      'import type { GatewayClient, OperationCodecs, OperationTable } from "@allmhub/core/internal";',
    );
    expect(chat).toMatch(/^};$/m);
    expect(chat).toContain(
      'pathParams: ["model"], input: "body", call: "generateContent", stream: "generateContentStream"',
    );
    const media = generateOperations(filterByPackage(doc, "media"), "media");
    expect(media).toContain("export const operationCodecs: OperationCodecs = { form: multipartBody };");
    expect(media).toContain(
      'createTranscription: ["POST /v1/audio/transcriptions", { requestBody: "multipart", response: "binary" }],',
    );
  });

  it("takes a query object without a body, types header parameters in the options, and sends x-sdk-default values", () => {
    const answer = { "200": { description: "ok", content: { "application/json": { schema: { type: "object" } } } } };
    const ops = {
      "/list": {
        get: {
          operationId: "listThings",
          "x-package": "admin",
          parameters: [{ name: "page", in: "query", schema: { type: "integer" } }],
          responses: answer,
        },
      },
      "/task/{id}": {
        get: {
          operationId: "getTask",
          "x-package": "admin",
          parameters: [
            { name: "id", in: "path", required: true, schema: { type: "string" } },
            {
              name: "X-Version",
              in: "header",
              required: true,
              "x-sdk-default": "2024-11-06",
              schema: { type: "string" },
            },
          ],
          responses: answer,
        },
      },
    };
    const code = generateOperations({ ...doc, paths: ops }, "admin");
    expect(code).toContain("listThings(query?: ListThingsQuery, options?: RequestOptions): Promise<ListThingsResult>;");
    expect(code).toContain("listThings(options?: RequestOptions): Promise<ListThingsResult>;");
    expect(code).toContain('listThings: ["GET /list", { input: "query?" }],');
    // A table with an optional input tells it from the call options.
    expect(code).toContain("export const operationCodecs: OperationCodecs = { options: isRequestOptions };");
    expect(code).toContain('import { bindOperations, isRequestOptions } from "@allmhub/core/internal";');
    expect(code).toContain('getTask(id: GetTaskPath["id"], options?: GetTaskOptions): Promise<GetTaskResult>;');
    expect(code).toContain(
      'export type GetTaskHeaders = Omit<NonNullable<operations["getTask"]["parameters"]["header"]>, "X-Version"> & Partial<Pick<NonNullable<operations["getTask"]["parameters"]["header"]>, "X-Version">>;',
    );
    expect(code).toContain("export type GetTaskOptions = RequestOptions<GetTaskHeaders>;");
    expect(code).toContain('getTask: ["GET /task/{id}", { defaults: {"header":{"X-Version":"2024-11-06"}} }],');
  });

  it("binds the envelope checks of the kinds the package's operations use, and only those", () => {
    const answer = { "200": { description: "ok", content: { "application/json": { schema: { type: "object" } } } } };
    const get = (operationId: string, envelope: string) => ({
      get: { operationId, "x-package": "admin", "x-envelope": envelope, responses: answer },
    });
    const admin = generateOperations(
      {
        ...doc,
        paths: {
          "/api/user/self": get("getCurrentUser", "account"),
          "/api/usage/token/": get("getTokenUsage", "task-code"),
        },
      },
      "admin",
    );
    expect(admin).toContain(
      'import { bindOperations, accountEnvelope, taskCodeEnvelope } from "@allmhub/core/internal";',
    );
    expect(admin).toContain(
      'export const operationCodecs: OperationCodecs = { envelope: { account: accountEnvelope, "task-code": taskCodeEnvelope } };',
    );
    expect(admin).toContain('getCurrentUser: ["GET /api/user/self", { envelope: "account" }],');
    expect(admin).not.toContain("midjourneyEnvelope");
  });

  it("leaves out what the entry's defaults say, and writes the fields several operations share once", () => {
    const answer = { "200": { description: "ok", content: { "application/json": { schema: { type: "object" } } } } };
    const body = { required: true, content: { "application/json": { schema: { type: "object" } } } };
    const account = {
      "x-package": "admin",
      "x-envelope": "account",
      security: [{ accessToken: [] }],
      responses: answer,
    };
    const admin = generateOperations(
      {
        ...doc,
        paths: {
          "/api/token/{id}/key": {
            post: {
              ...account,
              operationId: "getTokenKey",
              parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
            },
          },
          "/api/token/": {
            put: { ...account, operationId: "updateToken", requestBody: body },
            delete: { ...account, operationId: "deleteTokens", requestBody: body },
          },
          "/plain": { get: { operationId: "getPlain", "x-package": "admin", responses: answer } },
          "/api/status": {
            get: {
              operationId: "getStatus",
              "x-package": "admin",
              "x-envelope": "account",
              security: [],
              responses: answer,
            },
          },
        },
      },
      "admin",
    );
    expect(admin).toContain(
      'const byAccessTokenInAccountEnvelope = { auth: ["accessToken"], envelope: "account" } as const satisfies OperationSettings;',
    );
    expect(admin).toContain(
      'import type { GatewayClient, OperationCodecs, OperationSettings, OperationTable } from "@allmhub/core/internal";',
    );
    // A POST without a body says so; a PUT with one and a DELETE without one need not.
    expect(admin).toContain(
      'getTokenKey: ["POST /api/token/{id}/key", byAccessTokenInAccountEnvelope, { input: "none" }],',
    );
    expect(admin).toContain('updateToken: ["PUT /api/token/", byAccessTokenInAccountEnvelope],');
    expect(admin).toContain('deleteTokens: ["DELETE /api/token/", byAccessTokenInAccountEnvelope, { input: "body" }],');
    // Fields only one operation has stay in its entry.
    expect(admin).toContain('getStatus: ["GET /api/status", { auth: ["none"], envelope: "account" }],');
    // An operation with no settings is its route alone.
    expect(admin).toContain('getPlain: ["GET /plain"],');
    expect(admin).not.toContain("byNoneInAccountEnvelope");
  });

  it("generates a waitFor… helper from a task query's x-task", () => {
    const answer = { "200": { description: "ok", content: { "application/json": { schema: { type: "object" } } } } };
    const paths = {
      "/mj/task/{id}/fetch": {
        get: {
          operationId: "getMidjourneyTask",
          "x-package": "tasks",
          "x-task": {
            status: "status",
            done: ["SUCCESS"],
            failed: ["FAILURE"],
            reason: ["failReason"],
            progress: "progress",
          },
          parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
          responses: answer,
        },
      },
    };
    const code = generateOperations({ ...doc, paths }, "tasks");
    expect(code).toContain(
      'export function waitForMidjourneyTask(client: Pick<TasksOperations, "getMidjourneyTask">, id: GetMidjourneyTaskPath["id"], options?: WaitForOptions<GetMidjourneyTaskResult>): Promise<GetMidjourneyTaskResult> {',
    );
    expect(code).toContain(
      'return waitForTask((o) => client.getMidjourneyTask(id, o), {"status":["status"],"done":["SUCCESS"],"failed":["FAILURE"],"reason":["failReason"],"progress":"progress"}, options, String(id), client);',
    );
    expect(code).toContain('import { bindOperations, waitForTask } from "@allmhub/core/internal";');
    expect(() => taskRule({ done: ["x"] }, "getX")).toThrow(/x-task needs status and done/);
  });

  it("links one documentation page per site in doc comments, with the count", () => {
    expect(
      documentationLines([
        { site: "allmhub", title: "A", url: "https://x.test/1" },
        { site: "allmhub", title: "B" },
        { site: "best-aigc", title: "C" },
      ]),
    ).toEqual(["- allmhub (2 pages): A https://x.test/1", "- best-aigc (1 page): C"]);
    expect(gatewayLines({ "new-api": false, sites: ["best-aigc"] })[0]).toMatch(/^Not routed by a stock new-api/);
    expect(gatewayLines({ "new-api": false, sites: [], note: "It rejects the body." })).toEqual([
      "Not served by a stock new-api: It rejects the body.",
    ]);
  });

  it("states every request example against its generated type, and example fields the spec lacks against extraBody", () => {
    const doc2 = structuredClone(doc) as any;
    doc2.paths["/v1beta/models/{model}:generateContent"].post.requestBody.content["application/json"].examples.a[
      "x-extra-fields"
    ] = ["temperaure"];
    doc2.paths["/v1beta/models/{model}:generateContent"].post.requestBody.content[
      "application/json"
    ].examples.a.value.temperaure = 1;
    const checks = generateExampleChecks(filterByPackage(doc2, "chat"));
    expect(checks).toContain("satisfies GenerateContentPath");
    expect(checks).toContain("satisfies GenerateContentBody");
    expect(checks).toContain(
      'export const generateContent__a__extraBody = {\n  "temperaure": 1\n} satisfies NonNullable<RequestOptions["extraBody"]>;',
    );
    expect(splitExtraFields({ "x-extra-fields": ["b"], value: { a: 1, b: 2 } })).toEqual({
      typed: { a: 1 },
      extra: { b: 2 },
    });
  });
});
