import { afterEach, describe, expect, it } from "vitest";
import {
  APIConnectionError,
  APIError,
  APITimeoutError,
  APIUserAbortError,
  AuthenticationError,
  BadRequestError,
  ConfigurationError,
  RateLimitError,
  callOperation,
  createGatewayClient,
  bindOperations,
  createPackageClient,
  createRawClient,
  multipartBody,
  pathWithSlashes,
  type GatewayClient,
  type OperationDescriptor,
  type RequestOptions,
  Stream,
} from "../src/index.js";
import { startServer, type TestServer } from "./server.js";

const KEY = "sk-test-secret-0123456789";
const chat = { method: "post", path: "/v1/chat/completions" } as const;
let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const json = (res: import("node:http").ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
};

function client(url: string, extra: Record<string, unknown> = {}): GatewayClient<object> {
  return createGatewayClient({ apiKey: KEY, baseUrl: url, ...extra });
}

describe("callOperation", () => {
  it("sends the key as a Bearer token and returns the parsed answer", async () => {
    server = await startServer((_req, res) => json(res, 200, { ok: true }));
    const answer = await callOperation<{ ok: boolean }>(client(server.url), chat, { body: { model: "m" } });
    expect(answer).toEqual({ ok: true });
    expect(server.hits[0]?.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(JSON.parse(server.hits[0]?.body ?? "")).toEqual({ model: "m" });
  });

  it("fills path parameters, keeps the colon of Gemini paths and adds query and extra headers", async () => {
    server = await startServer((_req, res) => json(res, 200, {}));
    await callOperation(
      client(server.url, { headers: { "x-client": "a" } }),
      { method: "post", path: "/v1beta/models/{model}:generateContent" },
      { params: { path: { model: "gemini-2.5-flash" }, query: { alt: "sse" } }, body: {} },
      { headers: { "x-call": "b" } },
    );
    expect(server.hits[0]?.url).toBe("/v1beta/models/gemini-2.5-flash:generateContent?alt=sse");
    expect(server.hits[0]?.headers["x-client"]).toBe("a");
    expect(server.hits[0]?.headers["x-call"]).toBe("b");
  });

  it("merges headers client < authentication < header parameters < call, whatever their case; null removes one", async () => {
    server = await startServer((_req, res) => json(res, 200, {}));
    await callOperation(
      client(server.url, { headers: { "X-Tier": "client", "X-Drop": "client" } }),
      { method: "post", path: "/v1/messages", auth: ["anthropic"] },
      { params: { header: { "Anthropic-Version": "2024-01-01", "x-tier": "param" } }, body: { a: 1 } },
      { headers: { "X-TIER": "call", "x-drop": null as unknown as string } },
    );
    const headers = server.hits[0]?.headers ?? {};
    expect(headers["x-api-key"]).toBe(KEY);
    expect(headers["anthropic-version"]).toBe("2024-01-01");
    expect(headers["x-tier"]).toBe("call");
    expect(headers["x-drop"]).toBeUndefined();
    expect(headers["content-type"]).toBe("application/json");
    expect(headers.authorization).toBeUndefined();
  });

  it("adds the key to the query for ?key= operations, after the call's own query", async () => {
    server = await startServer((_req, res) => json(res, 200, {}));
    await callOperation(
      client(server.url),
      { method: "get", path: "/v1beta/models", auth: ["googleQuery"] },
      { params: { query: { pageSize: 5, tags: ["a", "b"] } } },
    );
    expect(server.hits[0]?.url).toBe(`/v1beta/models?pageSize=5&tags=a&tags=b&key=${KEY}`);
    expect(server.hits[0]?.headers["content-type"]).toBeUndefined();
  });

  it("throws the typed error of the status with the gateway's body and request id", async () => {
    server = await startServer((_req, res) =>
      json(res, 400, { error: { message: "bad model", type: "invalid_request_error", code: "bad" } }, { "x-request-id": "req-9" }),
    );
    const err = await callOperation(client(server.url), chat, { body: {} }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BadRequestError);
    expect(err).toMatchObject({ status: 400, code: "bad", type: "invalid_request_error", requestId: "req-9", message: "400 bad model" });
    expect(server.hits).toHaveLength(1);
  });

  it("retries 5xx and 429 (honouring retry-after-ms) and then succeeds", async () => {
    server = await startServer((_req, res, hit) => {
      if (hit === 0) return json(res, 503, { error: { message: "busy" } }, { "retry-after-ms": "10" });
      if (hit === 1) return json(res, 429, { error: { message: "slow down" } }, { "retry-after-ms": "10" });
      json(res, 200, { ok: 1 });
    });
    await expect(callOperation(client(server.url), chat, { body: {} })).resolves.toEqual({ ok: 1 });
    expect(server.hits).toHaveLength(3);
  });

  it("gives up after maxRetries and reports the last error", async () => {
    server = await startServer((_req, res) => json(res, 429, { error: { message: "quota" } }, { "retry-after-ms": "5" }));
    const err = await callOperation(client(server.url, { maxRetries: 1 }), chat, { body: {} }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RateLimitError);
    expect(server.hits).toHaveLength(2);
  });

  it("takes maxRetries per call", async () => {
    server = await startServer((_req, res) => json(res, 500, { error: { message: "boom" } }, { "retry-after-ms": "5" }));
    await expect(callOperation(client(server.url), chat, { body: {} }, { maxRetries: 0 })).rejects.toBeInstanceOf(APIError);
    expect(server.hits).toHaveLength(1);
  });

  it("does not retry a retryable status the gateway marks with x-should-retry: false", async () => {
    server = await startServer((_req, res) => json(res, 503, { error: { message: "draining" } }, { "retry-after-ms": "5", "x-should-retry": "false" }));
    const err = await callOperation(client(server.url), chat, { body: {} }).catch((e: unknown) => e);
    expect(err).toMatchObject({ name: "InternalServerError", status: 503, message: "503 draining" });
    expect(server.hits).toHaveLength(1);
  });

  it("does not ask twice for a 2xx answer whose body breaks off (the call may be billed)", async () => {
    server = await startServer((req, res) => {
      res.writeHead(200, { "content-type": "application/json", "content-length": "100" });
      res.write('{"partial": "');
      setTimeout(() => req.socket.destroy(), 20);
    });
    const err = await callOperation(client(server.url), chat, { body: {} }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(APIConnectionError);
    expect(err).not.toBeInstanceOf(APITimeoutError);
    expect((err as Error).message).toBe("The connection broke while reading the answer.");
    expect(server.hits).toHaveLength(1);
  });

  it("does not retry when the fetch gave up after its own headers timeout, and survives a fetch that rejects with nothing", async () => {
    let calls = 0;
    const transportTimeout = Object.assign(new Error("Headers Timeout Error"), { code: "UND_ERR_HEADERS_TIMEOUT" });
    const gaveUp = createGatewayClient({
      apiKey: KEY,
      baseUrl: "http://127.0.0.1:9",
      fetch: async () => {
        calls++;
        throw new TypeError("fetch failed", { cause: transportTimeout });
      },
    });
    const err = await callOperation(gaveUp, chat, { body: {} }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(APIConnectionError);
    expect((err as Error).message).toBe("Connection error: fetch failed (Headers Timeout Error)");
    expect(calls).toBe(1);
    const silent = createGatewayClient({ apiKey: KEY, baseUrl: "http://127.0.0.1:9", maxRetries: 1, fetch: () => Promise.reject(undefined) });
    await expect(callOperation(silent, chat, { body: {} })).rejects.toMatchObject({ name: "APIConnectionError", message: "Connection error: undefined" });
  });

  it("does not retry a rejected key", async () => {
    server = await startServer((_req, res) => json(res, 401, { error: { message: `invalid key ${KEY}` } }));
    const err = await callOperation(client(server.url), chat, { body: {} }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AuthenticationError);
    expect(server.hits).toHaveLength(1);
    expect(String((err as Error).message)).not.toContain(KEY);
    expect(JSON.stringify((err as APIError).body)).not.toContain(KEY);
  });

  it("times out with APITimeoutError", async () => {
    server = await startServer(() => undefined);
    const err = await callOperation(client(server.url, { timeout: 100, maxRetries: 0 }), chat, { body: {} }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(APITimeoutError);
  });

  it("stops at once, without retrying, when the caller aborts", async () => {
    const controller = new AbortController();
    // Abort once the request has reached the server, whatever the machine's load.
    server = await startServer(() => controller.abort());
    const pending = callOperation(client(server.url), chat, { body: {} }, { signal: controller.signal });
    await expect(pending).rejects.toBeInstanceOf(APIUserAbortError);
    expect(server.hits).toHaveLength(1);
  });

  it("reports an unreachable gateway as APIConnectionError without the key", async () => {
    server = await startServer(() => undefined);
    const url = server.url;
    await server.close();
    server = undefined;
    const err = await callOperation(client(url, { maxRetries: 0 }), chat, { body: {} }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(APIConnectionError);
    expect(JSON.stringify(err) + String(err)).not.toContain(KEY);
  });

  it("turns a 200 answer that is not JSON into a typed error with an excerpt", async () => {
    server = await startServer((_req, res) => {
      res.writeHead(200, { "content-type": "text/html" });
      res.end("<html>maintenance</html>");
    });
    const err = await callOperation(client(server.url), chat, { body: {} }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(APIError);
    expect((err as APIError).message).toContain("<html>maintenance</html>");
  });

  it("returns text when an operation that answers JSON is asked for a text format", async () => {
    server = await startServer((_req, res) => {
      res.writeHead(200, { "content-type": "text/plain; charset=utf-8" });
      res.end("1\n00:00:00,000 --> 00:00:01,000\nHello\n");
    });
    const text = await callOperation<unknown>(client(server.url), { method: "post", path: "/v1/audio/transcriptions" }, { body: {} });
    expect(text).toBe("1\n00:00:00,000 --> 00:00:01,000\nHello\n");
  });

  it("sends multipart bodies as FormData with files", async () => {
    server = await startServer((_req, res) => json(res, 200, { text: "hi" }));
    await callOperation(
      client(server.url),
      { method: "post", path: "/v1/audio/transcriptions", requestBody: "multipart" },
      { body: { model: "whisper-1", file: new File([new Uint8Array([1, 2, 3])], "a.mp3", { type: "audio/mpeg" }) } },
    );
    expect(server.hits[0]?.headers["content-type"]).toMatch(/^multipart\/form-data; boundary=/);
    expect(server.hits[0]?.body).toContain('name="file"; filename="a.mp3"');
    expect(server.hits[0]?.body).toContain("whisper-1");
  });

  it("sends an `auto` body as multipart only when it holds a file", async () => {
    server = await startServer((_req, res) => json(res, 200, { ok: 1 }));
    const edit = { method: "post", path: "/v1/images/edits", requestBody: "auto" } as const;
    await callOperation(client(server.url), edit, { body: { prompt: "p", image: [new Blob([new Uint8Array([1])], { type: "image/png" })] } });
    await callOperation(client(server.url), edit, { body: { prompt: "p", image: "https://example.com/a.png" } });
    expect(server.hits[0]?.headers["content-type"]).toMatch(/^multipart\/form-data; boundary=/);
    expect(server.hits[0]?.body).toContain('name="image"; filename="image"');
    expect(server.hits[1]?.headers["content-type"]).toBe("application/json");
    expect(JSON.parse(server.hits[1]!.body)).toEqual({ prompt: "p", image: "https://example.com/a.png" });
  });

  it("returns bytes for binary answers", async () => {
    server = await startServer((_req, res) => {
      res.writeHead(200, { "content-type": "audio/mpeg" });
      res.end(Buffer.from([9, 8, 7]));
    });
    const blob = await callOperation<Blob>(client(server.url), { method: "post", path: "/v1/audio/speech", response: "binary" }, { body: {} });
    expect(new Uint8Array(await blob.arrayBuffer())).toEqual(new Uint8Array([9, 8, 7]));
    expect(blob.type).toBe("audio/mpeg");
  });
});

describe("createPackageClient", () => {
  it("binds operations to a checked gateway client", () => {
    const c = createPackageClient((g) => ({ base: () => g.baseUrl }), { apiKey: KEY, baseUrl: "http://127.0.0.1:1" });
    expect(c.base()).toBe("http://127.0.0.1:1");
    expect(c.gateway.baseUrl).toBe("http://127.0.0.1:1");
  });
  it("fails at creation when the key is missing", () => {
    const saved = process.env.ALLMHUB_API_KEY;
    delete process.env.ALLMHUB_API_KEY;
    try {
      expect(() => createPackageClient(() => ({}), {})).toThrowError(ConfigurationError);
    } finally {
      if (saved !== undefined) process.env.ALLMHUB_API_KEY = saved;
    }
  });
  it("does not show the key when the client is logged", () => {
    const c = createGatewayClient({ apiKey: KEY, baseUrl: "http://127.0.0.1:1" });
    expect(JSON.stringify(c)).not.toContain(KEY);
  });
});

describe("wrong arguments from JavaScript callers", () => {
  const gemini = { method: "post", path: "/v1beta/models/{model}:generateContent" } as const;
  it.each([
    [chat, { body: "hello" }, {}, /request body must be an object, not string/],
    [chat, { body: [1, 2] }, {}, /not an array/],
    [chat, { body: {} }, "fast", /options must be an object/],
    [chat, { body: {} }, { signal: "stop" }, /AbortSignal/],
    [gemini, { body: {} }, {}, /params.path.model is required, got nothing/],
    [gemini, { params: { path: { model: "" } }, body: {} }, {}, /must not be empty/],
    [gemini, { params: "gemini", body: {} }, {}, /params must be an object/],
  ])("%j %j %j is refused before any request", async (op, args, options, message) => {
    server = await startServer((_req, res) => json(res, 200, {}));
    const err = await callOperation(client(server.url), op as never, args as never, options as never).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TypeError);
    expect(String(err)).toMatch(message);
    expect(server.hits).toHaveLength(0);
  });
});

describe("bindOperations", () => {
  const table = {
    getTask: { method: "get", path: "/tasks/{id}", args: ["params"] },
    submit: { method: "post", path: "/submit/{kind}", args: ["params", "body"] },
    listAll: { method: "get", path: "/all" },
    complete: { method: "post", path: "/complete", args: ["body"], stream: "also", streamFlag: "stream" },
    watch: { method: "post", path: "/watch", args: ["body"], stream: "only" },
  } as const satisfies Record<string, OperationDescriptor>;
  type Methods = {
    getTask(params: { path: { id: string } }, options?: RequestOptions): Promise<unknown>;
    submit(params: { path: { kind: string }; query?: { q?: string } }, body: object, options?: RequestOptions): Promise<unknown>;
    listAll(options?: RequestOptions): Promise<unknown>;
    complete(body: object, options?: RequestOptions): Promise<unknown>;
    completeStream(body: object, options?: RequestOptions): Promise<Stream<unknown>>;
    watch(body: object, options?: RequestOptions): Promise<Stream<unknown>>;
  };

  it("makes one method per operation, taking its arguments in order and then the call options", async () => {
    server = await startServer((_req, res) => json(res, 200, { ok: true }));
    const m = bindOperations<Methods>(client(server.url), table, { stream: Stream });
    expect(Object.keys(m).sort()).toEqual(["complete", "completeStream", "getTask", "listAll", "submit", "watch"]);
    expect(await m.getTask({ path: { id: "7" } }, { headers: { "x-a": "1" } })).toEqual({ ok: true });
    await m.submit({ path: { kind: "a b" }, query: { q: "x" } }, { n: 1 }, { headers: { "x-b": "2" } });
    await m.listAll({ headers: { "x-c": "3" } });
    await m.complete({ n: 2 });
    expect(server.hits.map((h) => `${h.method} ${h.url} ${h.body}`)).toEqual(["GET /tasks/7 ", "POST /submit/a%20b?q=x {\"n\":1}", "GET /all ", "POST /complete {\"n\":2}"]);
    expect([server.hits[0]?.headers["x-a"], server.hits[1]?.headers["x-b"], server.hits[2]?.headers["x-c"]]).toEqual(["1", "2", "3"]);
  });

  it("gives an operation that can stream a …Stream method that sets its flag, and a stream-only one a streaming method", async () => {
    server = await startServer((_req, res) => {
      res.writeHead(200, { "content-type": "text/event-stream" });
      res.end('data: {"i":1}\n\ndata: [DONE]\n\n');
    });
    const m = bindOperations<Methods>(client(server.url), table, { stream: Stream });
    expect(await (await m.completeStream({ n: 3 })).toArray()).toEqual([{ i: 1 }]);
    expect(await (await m.watch({ n: 4 })).toArray()).toEqual([{ i: 1 }]);
    expect(server.hits.map((h) => JSON.parse(h.body))).toEqual([{ n: 3, stream: true }, { n: 4 }]);
  });

  it("sends a streamed multipart operation with the form codec it was given", async () => {
    server = await startServer((_req, res) => {
      res.writeHead(200, { "content-type": "text/event-stream" });
      res.end('data: {"text":"hi"}\n\ndata: [DONE]\n\n');
    });
    const forms: unknown[] = [];
    const m = bindOperations<{ transcribeStream(body: object): Promise<Stream<unknown>> }>(
      client(server.url),
      { transcribe: { method: "post", path: "/transcribe", requestBody: "multipart", args: ["body"], stream: "also", streamFlag: "stream" } },
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
    expect(() => bindOperations(gateway, table)).toThrow(/complete needs the stream codec/);
    expect(() => bindOperations(gateway, { submit: { method: "post", path: "/mj", envelope: "midjourney" } })).toThrow(/submit needs the envelope codec/);
    expect(() => bindOperations(gateway, { submit: { method: "post", path: "/mj", envelope: "midjourney" } }, { envelope: { account: () => 1 } })).toThrow(
      /submit needs the envelope codec/,
    );
    expect(() => bindOperations(gateway, { upload: { method: "post", path: "/up", requestBody: "auto" } })).toThrow(/upload needs the form codec/);
    expect(Object.keys(bindOperations(gateway, { listAll: table.listAll, json: { method: "post", path: "/j", requestBody: "json" } }))).toEqual(["listAll", "json"]);
  });

  it("uses the envelope and form codecs it was given", async () => {
    server = await startServer((_req, res) => json(res, 200, { code: 24, description: "banned prompt" }));
    const seen: string[] = [];
    const m = bindOperations<{ submit(body: object): Promise<unknown>; upload(body: object): Promise<unknown> }>(
      client(server.url),
      { submit: { method: "post", path: "/mj", envelope: "midjourney", args: ["body"] }, upload: { method: "post", path: "/up", requestBody: "multipart", args: ["body"] } },
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

describe("multipartBody", () => {
  const file = new File([new Uint8Array([1, 2])], "a.png", { type: "image/png" });
  const op = (requestBody?: OperationDescriptor["requestBody"]): OperationDescriptor => ({ method: "post", path: "/x", requestBody });

  it("encodes the body of a multipart operation, files or not", () => {
    const form = multipartBody(op("multipart"), { model: "m", n: 2, file, tags: ["a", "b"], meta: { k: 1 } });
    expect(form).toBeInstanceOf(FormData);
    expect((form!.get("file") as File).name).toBe("a.png");
    expect([form!.get("model"), form!.get("n"), form!.getAll("tags"), form!.get("meta")]).toEqual(["m", "2", ["a", "b"], '{"k":1}']);
    expect(multipartBody(op("multipart"), { model: "m" })?.get("model")).toBe("m");
  });

  it("encodes an `auto` body only when it holds a file, at the top level or in an array", () => {
    expect(multipartBody(op("auto"), { image: file })).toBeInstanceOf(FormData);
    expect(multipartBody(op("auto"), { image: [file] })).toBeInstanceOf(FormData);
    expect(multipartBody(op("auto"), { image: "https://example.com/a.png", nested: { file } })).toBeUndefined();
  });

  it("leaves JSON operations alone", () => {
    expect(multipartBody(op(), { file })).toBeUndefined();
    expect(multipartBody(op("json"), { file })).toBeUndefined();
  });
});

describe("pathWithSlashes", () => {
  it("keeps the slashes of the named parameters and escapes the rest", () => {
    const serialize = pathWithSlashes(["model_path"]);
    expect(serialize("/fal-ai/{model_path}", { model_path: "flux-pro/kontext max" })).toBe("/fal-ai/flux-pro/kontext%20max");
    expect(serialize("/x/{a}/{model_path}", { a: "p/q", model_path: "m/n" })).toBe("/x/p%2Fq/m/n");
  });
});

describe("createRawClient", () => {
  it("is openapi-fetch's client with the gateway's base URL, headers and key: { data, error } instead of throwing", async () => {
    server = await startServer((req, res) => (req.url === "/v1/models" ? json(res, 200, { data: [] }) : json(res, 404, { error: { message: "no" } })));
    const raw = createRawClient(client(server.url, { headers: { "x-client": "a" } }));
    const ok = await raw.GET("/v1/models" as never);
    expect(ok.data).toEqual({ data: [] });
    const missing = await raw.GET("/nope" as never);
    expect(missing.error).toEqual({ error: { message: "no" } });
    expect(missing.response.status).toBe(404);
    expect(server.hits[0]?.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(server.hits[0]?.headers["x-client"]).toBe("a");
  });

  it("refuses what is not a gateway client", () => {
    expect(() => createRawClient({} as GatewayClient<object>)).toThrow(ConfigurationError);
  });
});
