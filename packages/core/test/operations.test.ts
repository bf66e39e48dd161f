import { afterEach, describe, expect, it } from "vitest";
import {
  Stream,
  bindOperations,
  callOperation,
  createGatewayClient,
  isRequestOptions,
  type GatewayClient,
  type OperationEntry,
  type RequestOptions,
} from "./runtime.js";
import { startServer, type TestServer } from "./server.js";

const KEY = "sk-test-secret-0123456789";
const chat = { method: "POST", path: "/v1/chat/completions" } as const;
let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const json = (res: import("node:http").ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
};

function client(url: string): GatewayClient<object> {
  return createGatewayClient({ apiKey: KEY, baseUrl: url });
}

/** The codecs the table needs: streams, and telling the options from an optional query object left out. */
const codecs = { stream: Stream, options: isRequestOptions };

const table = {
  getTask: ["GET /tasks/{id}"],
  getPart: ["GET /kling/{kind}/{task_id}"],
  submit: ["POST /submit/{kind}"],
  listAll: ["GET /all", { input: "query?" }],
  find: ["GET /find", { input: "query" }],
  ping: ["GET /ping"],
  complete: ["POST /complete", { stream: "also" }],
  speak: ["POST /speak", { input: "body", stream: "also", streamFlag: "stream_format", streamValue: "sse" }],
  watch: ["POST /watch/{model}", { stream: "only", defaults: { query: { alt: "sse" } } }],
  version: ["GET /version", { defaults: { header: { "X-Runway-Version": "2024-11-06" } } }],
  fal: ["POST /fal-ai/{model_path}", { slashParams: ["model_path"] }],
  touch: ["POST /touch/{id}", { input: "none" }],
  remove: ["DELETE /items/{id}"],
  replace: ["PUT /items/{id}"],
  patch: ["PATCH /items/{id}", { input: "body?" }],
  plain: ["POST /plain", { stream: "also", streamFlag: null }],
} as const satisfies Record<string, OperationEntry>;

interface Methods {
  getTask(id: string, options?: RequestOptions): Promise<unknown>;
  getPart(kind: string, taskId: string, options?: RequestOptions): Promise<unknown>;
  submit(kind: string, body: object, options?: RequestOptions): Promise<unknown>;
  listAll(query?: { page?: number }, options?: RequestOptions): Promise<unknown>;
  listAll(options?: RequestOptions): Promise<unknown>;
  find(query: { id: string }, options?: RequestOptions): Promise<unknown>;
  ping(options?: RequestOptions): Promise<unknown>;
  complete(body: object, options?: RequestOptions): Promise<unknown>;
  completeStream(body: object, options?: RequestOptions): Promise<Stream<unknown>>;
  speak(body: object, options?: RequestOptions): Promise<unknown>;
  speakStream(body: object, options?: RequestOptions): Promise<Stream<unknown>>;
  watch(model: string, body: object, options?: RequestOptions<object, { alt?: string }>): Promise<Stream<unknown>>;
  version(options?: RequestOptions<{ "X-Runway-Version"?: string }>): Promise<unknown>;
  fal(modelPath: string, body: object, options?: RequestOptions): Promise<unknown>;
  touch(id: string, options?: RequestOptions): Promise<unknown>;
  remove(id: string, options?: RequestOptions): Promise<unknown>;
  replace(id: string, body: object, options?: RequestOptions): Promise<unknown>;
  patch(id: string, body?: object, options?: RequestOptions): Promise<unknown>;
  plain(body: object, options?: RequestOptions): Promise<unknown>;
  plainStream(body: object, options?: RequestOptions): Promise<Stream<unknown>>;
}

describe("bindOperations: one call shape (path parameters, then the body or query, then the options)", () => {
  it("makes one method per operation, and a …Stream method for an operation that can also stream", () => {
    const m = bindOperations<Methods>(client("http://127.0.0.1:1"), table, codecs);
    expect(Object.keys(m).sort()).toEqual([
      "complete",
      "completeStream",
      "fal",
      "find",
      "getPart",
      "getTask",
      "listAll",
      "patch",
      "ping",
      "plain",
      "plainStream",
      "remove",
      "replace",
      "speak",
      "speakStream",
      "submit",
      "touch",
      "version",
      "watch",
    ]);
  });

  it("takes path parameters positionally in path order, then the body or the query object, then the options", async () => {
    server = await startServer((_req, res) => json(res, 200, { ok: true }));
    const m = bindOperations<Methods>(client(server.url), table, codecs);
    expect(await m.getTask("7", { headers: { "x-a": "1" } })).toEqual({ ok: true });
    await m.getPart("videos", "t 1");
    await m.submit("a b", { n: 1 }, { headers: { "x-b": "2" } });
    await m.find({ id: "x" });
    await m.ping({ headers: { "x-c": "3" } });
    await m.complete({ n: 2 });
    expect(server.hits.map((h) => `${h.method} ${h.url} ${h.body}`)).toEqual([
      "GET /tasks/7 ",
      "GET /kling/videos/t%201 ",
      'POST /submit/a%20b {"n":1}',
      "GET /find?id=x ",
      "GET /ping ",
      'POST /complete {"n":2}',
    ]);
    expect([server.hits[0]?.headers["x-a"], server.hits[2]?.headers["x-b"], server.hits[4]?.headers["x-c"]]).toEqual([
      "1",
      "2",
      "3",
    ]);
  });

  it("takes an optional query object, or the options alone in its place", async () => {
    server = await startServer((_req, res) => json(res, 200, {}));
    const m = bindOperations<Methods>(client(server.url), table, codecs);
    await m.listAll();
    await m.listAll({ page: 2 });
    await m.listAll({ headers: { "x-only": "options" } });
    await m.listAll({ page: 3 }, { headers: { "x-both": "yes" } });
    await m.listAll({}, { timeout: 5000 });
    expect(server.hits.map((h) => h.url)).toEqual(["/all", "/all?page=2", "/all", "/all?page=3", "/all"]);
    // The options codec: a non-empty object of option names only.
    expect([{ timeout: 1 }, { headers: {}, signal: undefined }].map(isRequestOptions)).toEqual([true, true]);
    expect([{}, [], null, "timeout", { timeout: 1, page: 2 }, { page: 2 }].map(isRequestOptions)).toEqual([
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
    expect([server.hits[2]?.headers["x-only"], server.hits[3]?.headers["x-both"]]).toEqual(["options", "yes"]);
  });

  it("sends the operation's default parameters unless the call sets them", async () => {
    server = await startServer((req, res) => {
      if (req.url?.startsWith("/watch")) {
        res.writeHead(200, { "content-type": "text/event-stream" });
        res.end('data: {"i":1}\n\n');
      } else json(res, 200, {});
    });
    const m = bindOperations<Methods>(client(server.url), table, codecs);
    await (await m.watch("gemini", {})).toArray();
    await (await m.watch("gemini", {}, { query: { alt: "json" } })).toArray();
    await m.version();
    await m.version({ headers: { "X-Runway-Version": "2025-01-01" } });
    expect(server.hits.map((h) => h.url)).toEqual([
      "/watch/gemini?alt=sse",
      "/watch/gemini?alt=json",
      "/version",
      "/version",
    ]);
    expect([server.hits[2]?.headers["x-runway-version"], server.hits[3]?.headers["x-runway-version"]]).toEqual([
      "2024-11-06",
      "2025-01-01",
    ]);
  });

  it("merges extraBody, the escape hatch for fields the types do not list, over the body", async () => {
    server = await startServer((_req, res) => json(res, 200, {}));
    const m = bindOperations<Methods>(client(server.url), table, codecs);
    await m.complete({ model: "m", temperature: 1 }, { extraBody: { temperature: 0.5, brand_new: true } });
    expect(JSON.parse(server.hits[0]!.body)).toEqual({ model: "m", temperature: 0.5, brand_new: true });
  });

  it("keeps the slashes of a slash-carrying parameter and encodes everything else", async () => {
    server = await startServer((_req, res) => json(res, 200, {}));
    const m = bindOperations<Methods>(client(server.url), table, codecs);
    await m.fal("flux-pro/kontext max", {});
    await m.getTask("a/b?c#d");
    expect(server.hits.map((h) => h.url)).toEqual(["/fal-ai/flux-pro/kontext%20max", "/tasks/a%2Fb%3Fc%23d"]);
  });

  it("gives an operation that can stream a …Stream method that sets its flag, and a stream-only one a streaming method", async () => {
    server = await startServer((_req, res) => {
      res.writeHead(200, { "content-type": "text/event-stream" });
      res.end('data: {"i":1}\n\ndata: [DONE]\n\n');
    });
    const m = bindOperations<Methods>(client(server.url), table, codecs);
    expect(await (await m.completeStream({ n: 3 })).toArray()).toEqual([{ i: 1 }]);
    expect(await (await m.watch("g", { n: 4 })).toArray()).toEqual([{ i: 1 }]);
    expect(await (await m.speakStream({ input: "hi" })).toArray()).toEqual([{ i: 1 }]);
    expect(server.hits.map((h) => JSON.parse(h.body))).toEqual([
      { n: 3, stream: true },
      { n: 4 },
      { input: "hi", stream_format: "sse" },
    ]);
  });

  it("reads the defaults an entry leaves out: a body for POST, PUT and PATCH, nothing for GET and DELETE", async () => {
    server = await startServer((_req, res, hit) => {
      if (hit === 7) {
        res.writeHead(200, { "content-type": "text/event-stream" });
        res.end('data: {"i":1}\n\n');
      } else json(res, 200, {});
    });
    const m = bindOperations<Methods>(client(server.url), table, codecs);
    await m.touch("1", { headers: { "x-t": "1" } });
    await m.remove("2");
    await m.replace("3", { n: 3 });
    await m.patch("4");
    await m.patch("5", { headers: { "x-p": "5" } });
    await m.patch("6", { n: 6 });
    await m.plain({ n: 7 });
    await (await m.plainStream({ n: 8 })).toArray();
    expect(server.hits.map((h) => `${h.method} ${h.url} ${h.body}`)).toEqual([
      "POST /touch/1 ",
      "DELETE /items/2 ",
      'PUT /items/3 {"n":3}',
      "PATCH /items/4 ",
      "PATCH /items/5 ",
      'PATCH /items/6 {"n":6}',
      'POST /plain {"n":7}',
      // streamFlag: null sets no flag.
      'POST /plain {"n":8}',
    ]);
    expect([server.hits[0]?.headers["x-t"], server.hits[4]?.headers["x-p"]]).toEqual(["1", "5"]);
    const loose = m as unknown as Record<string, (...a: unknown[]) => unknown>;
    await expect(loose.replace!("3")).rejects.toThrow(/^replace: the request body is required\.$/);
    await expect(loose.touch!("1", {}, {})).rejects.toThrow(/^touch: takes id, options; got 3 arguments\.$/);
  });

  it("takes settings that several entries share, and leaves them as they are", async () => {
    server = await startServer((_req, res) => json(res, 200, { success: true, data: "unwrapped" }));
    const account = Object.freeze({ auth: ["none"], envelope: "account" } as const);
    const m = bindOperations<{ a(): Promise<unknown>; b(id: string): Promise<unknown> }>(
      client(server.url),
      { a: ["GET /a", account], b: ["DELETE /b/{id}", account] },
      { envelope: { account: (data) => (data as { data: unknown }).data } },
    );
    expect([await m.a(), await m.b("1")]).toEqual(["unwrapped", "unwrapped"]);
    expect(server.hits.map((h) => `${h.method} ${h.url} ${h.headers.authorization}`)).toEqual([
      "GET /a undefined",
      "DELETE /b/1 undefined",
    ]);
    expect(account).toEqual({ auth: ["none"], envelope: "account" });
  });

  it("merges an entry's settings in order: a shared set, then the entry's own fields over it", async () => {
    server = await startServer((_req, res) => json(res, 200, { success: true, data: "unwrapped" }));
    const account = Object.freeze({ auth: ["none"], envelope: "account", input: "body" } as const);
    const m = bindOperations<{ check(query?: { day?: number }): Promise<unknown> }>(
      client(server.url),
      { check: ["POST /check", account, { input: "query?" }] },
      { envelope: { account: (data) => (data as { data: unknown }).data }, options: isRequestOptions },
    );
    // The own `input` (an optional query object) wins over the shared one; auth and envelope come from the set.
    expect([await m.check({ day: 3 }), await m.check()]).toEqual(["unwrapped", "unwrapped"]);
    expect(server.hits.map((h) => `${h.method} ${h.url} ${h.headers.authorization} ${h.body}`)).toEqual([
      "POST /check?day=3 undefined ",
      "POST /check undefined ",
    ]);
    expect(account).toEqual({ auth: ["none"], envelope: "account", input: "body" });
  });

  it("sends a streamed multipart operation with the form codec it was given", async () => {
    server = await startServer((_req, res) => {
      res.writeHead(200, { "content-type": "text/event-stream" });
      res.end('data: {"text":"hi"}\n\ndata: [DONE]\n\n');
    });
    const forms: unknown[] = [];
    const m = bindOperations<{ transcribeStream(body: object): Promise<Stream<unknown>> }>(
      client(server.url),
      {
        transcribe: ["POST /transcribe", { requestBody: "multipart", stream: "also" }],
      },
      {
        stream: Stream,
        form: (_op, body) => {
          forms.push(body);
          const form = new FormData();
          form.append("stream", String((body as { stream: boolean }).stream));
          return form;
        },
      },
    );
    expect(await (await m.transcribeStream({ file: "x" })).toArray()).toEqual([{ text: "hi" }]);
    expect(forms).toEqual([{ file: "x", stream: true }]);
    expect(server.hits[0]?.headers["content-type"]).toMatch(/^multipart\/form-data/);
  });

  it("refuses a table whose operations need a codec it was not given, when it is bound", () => {
    const gateway = client("http://127.0.0.1:1");
    expect(() => bindOperations(gateway, table, { options: isRequestOptions })).toThrow(
      /complete needs the stream codec/,
    );
    expect(() => bindOperations(gateway, table, { stream: Stream })).toThrow(/listAll needs the options codec/);
    expect(() => bindOperations(gateway, { patch: table.patch })).toThrow(/patch needs the options codec/);
    expect(Object.keys(bindOperations(gateway, { patch: table.patch }, { options: isRequestOptions }))).toEqual([
      "patch",
    ]);
    expect(() => bindOperations(gateway, { submit: ["POST /mj", { envelope: "midjourney" }] })).toThrow(
      /submit needs the envelope codec/,
    );
    expect(() =>
      bindOperations(gateway, { submit: ["POST /mj", { envelope: "midjourney" }] }, { envelope: { account: () => 1 } }),
    ).toThrow(/submit needs the envelope codec/);
    expect(() => bindOperations(gateway, { upload: ["POST /up", { requestBody: "auto" }] })).toThrow(
      /upload needs the form codec/,
    );
    expect(
      Object.keys(bindOperations(gateway, { ping: table.ping, json: ["POST /j", { requestBody: "json" }] })),
    ).toEqual(["ping", "json"]);
    expect(() => bindOperations({} as GatewayClient<object>, { ping: table.ping })).toThrow(
      /^Not a gateway client: pass the \.gateway of an @allmhub client\.$/,
    );
  });

  it("uses the envelope and form codecs it was given", async () => {
    server = await startServer((_req, res) => json(res, 200, { code: 24, description: "banned prompt" }));
    const seen: string[] = [];
    const m = bindOperations<{ submit(body: object): Promise<unknown>; upload(body: object): Promise<unknown> }>(
      client(server.url),
      {
        submit: ["POST /mj", { envelope: "midjourney" }],
        upload: ["POST /up", { requestBody: "multipart", input: "body" }],
      },
      {
        envelope: {
          midjourney: (data) => {
            seen.push(`midjourney ${JSON.stringify(data)}`);
            return "unwrapped";
          },
        },
        form: (op, body) => {
          // Asked for every body: it decides which go as multipart.
          if (op.requestBody !== "multipart") return undefined;
          seen.push(`form ${JSON.stringify(body)}`);
          const f = new FormData();
          f.append("a", "1");
          return f;
        },
      },
    );
    expect(await m.submit({ prompt: "x" })).toBe("unwrapped");
    expect(await m.upload({ a: 1 })).toEqual({ code: 24, description: "banned prompt" });
    expect(seen).toEqual(['midjourney {"code":24,"description":"banned prompt"}', 'form {"a":1}']);
    expect(server.hits[1]?.headers["content-type"]).toMatch(/^multipart\/form-data/);
  });
});

describe("wrong arguments from JavaScript callers: a TypeError naming the method, before any request", () => {
  const calls: Array<[string, (m: Record<string, (...a: unknown[]) => Promise<unknown>>) => Promise<unknown>, RegExp]> =
    [
      [
        "an object where an id goes (the old shape)",
        (m) => m.getTask!({ path: { id: "7" } }),
        /^TypeError: getTask: id must be a string or a number, got an object\./,
      ],
      ["no id", (m) => m.getTask!(), /getTask: id must be a string or a number, got undefined\./],
      ["an empty id", (m) => m.getTask!(""), /getTask: id must be a non-empty path segment/],
      [
        "a dot segment",
        (m) => m.getTask!(".."),
        /getTask: id must be a non-empty path segment other than "\." and "\.\.", got "\.\."/,
      ],
      [
        "a dot segment in a slash-carrying parameter",
        (m) => m.fal!("flux/../../v1/models", {}),
        /fal: model_path must be a non-empty path segment/,
      ],
      ["the body missing", (m) => m.complete!(), /complete: the request body is required/],
      ["a string body", (m) => m.complete!("hello"), /complete: the request body must be an object, not string/],
      ["an array body", (m) => m.submit!("k", [1, 2]), /not an array/],
      ["a string query", (m) => m.find!("x"), /find: the query parameters must be an object, not string/],
      ["options that are not an object", (m) => m.complete!({}, "fast"), /complete: options must be an object/],
      ["a signal that is not an AbortSignal", (m) => m.complete!({}, { signal: "stop" }), /AbortSignal/],
      ["extraBody that is not an object", (m) => m.complete!({}, { extraBody: "x" }), /extraBody must be an object/],
      [
        "too many arguments (the old placeholder shape)",
        (m) => m.complete!(undefined, {}, {}),
        /complete: takes body, options; got 3 arguments/,
      ],
    ];
  it.each(calls)("%s", async (_name, callIt, message) => {
    server = await startServer((_req, res) => json(res, 200, {}));
    const m = bindOperations<Record<string, (...a: unknown[]) => Promise<unknown>>>(client(server.url), table, codecs);
    const err = await callIt(m).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TypeError);
    expect(String(err)).toMatch(message);
    expect(server.hits).toHaveLength(0);
  });

  it("callOperation (for tools) checks the same, naming the method and path", async () => {
    const gemini = { method: "POST", path: "/v1beta/models/{model}:generateContent" } as const;
    const err = await callOperation(client("http://127.0.0.1:1"), gemini, {
      params: "gemini" as never,
      body: {},
    }).catch((e: unknown) => e);
    expect(String(err)).toBe(
      "TypeError: POST /v1beta/models/{model}:generateContent: params must be an object, not string.",
    );
    await expect(callOperation(client("http://127.0.0.1:1"), chat, { body: 1 })).rejects.toThrow(
      /POST \/v1\/chat\/completions: the request body must be an object, not number/,
    );
  });
});
