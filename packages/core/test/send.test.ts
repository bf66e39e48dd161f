import { afterEach, describe, expect, it } from "vitest";
import {
  APIConnectionError,
  APIError,
  APITimeoutError,
  APIUserAbortError,
  AuthenticationError,
  RateLimitError,
  callOperation,
  createGatewayClient,
  type GatewayClient,
} from "./runtime.js";
import { startServer, type TestServer } from "./server.js";

const KEY = "sk-test-secret-0123456789";
const chat = { method: "POST", path: "/v1/chat/completions" } as const;
let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const json = (
  res: import("node:http").ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) => {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
};

function client(url: string, extra: Record<string, unknown> = {}): GatewayClient<object> {
  return createGatewayClient({ apiKey: KEY, baseUrl: url, ...extra });
}

describe("send: retries, timeouts and aborts (through callOperation)", () => {
  it("sends the key as a Bearer token and returns the parsed answer", async () => {
    server = await startServer((_req, res) => json(res, 200, { ok: true }));
    const answer = await callOperation<{ ok: boolean }>(client(server.url), chat, { body: { model: "m" } });
    expect(answer).toEqual({ ok: true });
    expect(server.hits[0]?.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(JSON.parse(server.hits[0]?.body ?? "")).toEqual({ model: "m" });
  });

  it("calls fetch as a plain function, as workerd's fetch requires (no `this` but the global scope)", async () => {
    const receivers: unknown[] = [];
    const fetch = function (this: unknown) {
      receivers.push(this);
      return Promise.resolve(new Response('{"ok":true}', { headers: { "content-type": "application/json" } }));
    } as unknown as typeof globalThis.fetch;
    await callOperation(client("http://127.0.0.1:9", { fetch }), chat, { body: {} });
    expect(receivers).toEqual([undefined]);
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
    server = await startServer((_req, res) =>
      json(res, 429, { error: { message: "quota" } }, { "retry-after-ms": "5" }),
    );
    const err = await callOperation(client(server.url, { maxRetries: 1 }), chat, { body: {} }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RateLimitError);
    expect(server.hits).toHaveLength(2);
  });

  it("takes maxRetries per call", async () => {
    server = await startServer((_req, res) =>
      json(res, 500, { error: { message: "boom" } }, { "retry-after-ms": "5" }),
    );
    await expect(callOperation(client(server.url), chat, { body: {} }, { maxRetries: 0 })).rejects.toBeInstanceOf(
      APIError,
    );
    expect(server.hits).toHaveLength(1);
  });

  it("does not retry a retryable status the gateway marks with x-should-retry: false", async () => {
    server = await startServer((_req, res) =>
      json(res, 503, { error: { message: "draining" } }, { "retry-after-ms": "5", "x-should-retry": "false" }),
    );
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
    const silent = createGatewayClient({
      apiKey: KEY,
      baseUrl: "http://127.0.0.1:9",
      maxRetries: 1,
      fetch: () => Promise.reject(undefined),
    });
    await expect(callOperation(silent, chat, { body: {} })).rejects.toMatchObject({
      name: "APIConnectionError",
      message: "Connection error: undefined",
    });
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
    const err = await callOperation(client(server.url, { timeout: 100, maxRetries: 0 }), chat, { body: {} }).catch(
      (e: unknown) => e,
    );
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

  it("aborts the fetch without the caller's reason (workerd reports a reason as an uncaught exception)", async () => {
    const controller = new AbortController();
    let seen: AbortSignal | undefined;
    const fetch = (_input: unknown, init?: RequestInit) => {
      seen = init?.signal ?? undefined;
      controller.abort(new Error("the caller's reason"));
      return Promise.reject(new DOMException("aborted", "AbortError"));
    };
    const pending = callOperation(
      client("http://127.0.0.1:9", { fetch }),
      chat,
      { body: {} },
      { signal: controller.signal },
    );
    await expect(pending).rejects.toBeInstanceOf(APIUserAbortError);
    expect(seen?.aborted).toBe(true);
    expect(seen?.reason).toMatchObject({ name: "AbortError" });
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
});
