// Every wait has an end, and nothing is billed twice: a POST or PATCH that timed out or lost its connection
// once sent is not sent again unless the caller opts in (connection failures before sending, 408, 409, 429
// and 5xx still are); a retry-after longer than the call's timeout is not waited for; a wait's deadline
// covers the read in flight and a retry-after inside it; polling rides out passing failures within its budget.
import { afterEach, describe, expect, it } from "vitest";
import {
  APIConnectionError,
  APITimeoutError,
  AuthenticationError,
  RateLimitError,
  TaskTimeoutError,
  callOperation,
  createGatewayClient,
  pollTask,
  waitForTask,
} from "./runtime.js";
import { startServer, type TestServer } from "./server.js";

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});
const client = (url: string, extra: Record<string, unknown> = {}) =>
  createGatewayClient({ apiKey: "sk-waits", baseUrl: url, ...extra });
const post = { method: "POST", path: "/v1/images/generations" } as const;
const get = { method: "GET", path: "/v1/videos/{id}" } as const;
const json = (
  res: import("node:http").ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) => res.writeHead(status, { "content-type": "application/json", ...headers }).end(JSON.stringify(body));

describe("no double billing", () => {
  it("does not send a POST again after it timed out once sent, unless the caller opts in", async () => {
    server = await startServer(() => undefined); // receives the whole request, never answers
    // Attempts are counted where the SDK makes them (its fetch): on a busy machine the 200 ms timeout can fire
    // before the server has seen the request, and the SDK cannot tell that apart from a request being run.
    let attempts = 0;
    const counting = ((url: string, init: RequestInit) => {
      attempts++;
      return fetch(url, init);
    }) as typeof fetch;
    const timingOut = (extra: Record<string, unknown> = {}) =>
      client(server!.url, { timeout: 200, fetch: counting, ...extra });
    const err = await callOperation(timingOut(), post, { body: { prompt: "a cat" } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(APITimeoutError);
    expect(attempts).toBe(1);
    await callOperation(timingOut(), post, { body: {} }, { retryNonIdempotent: true, maxRetries: 1 }).catch(
      () => undefined,
    );
    expect(attempts).toBe(3);
    await callOperation(timingOut({ retryNonIdempotent: true, maxRetries: 1 }), post, { body: {} }).catch(
      () => undefined,
    );
    expect(attempts).toBe(5);
    expect(server.hits.length).toBeLessThanOrEqual(5);
  });

  it("does not send a POST again after its connection broke once sent; a GET is sent again", async () => {
    server = await startServer((req) => req.socket.destroy());
    await expect(callOperation(client(server.url), post, { body: {} })).rejects.toBeInstanceOf(APIConnectionError);
    expect(server.hits).toHaveLength(1);
    await expect(callOperation(client(server.url), get, { params: { path: { id: "v1" } } })).rejects.toBeInstanceOf(
      APIConnectionError,
    );
    expect(server.hits).toHaveLength(4);
  });

  it("sends a POST again when the connection failed before anything was sent, and after 408, 409, 429 and 5xx", async () => {
    let calls = 0;
    const counting = ((url: string, init: RequestInit) => {
      calls++;
      return fetch(url, init);
    }) as typeof fetch;
    // Nothing listens on the port any more: the connection is refused before any byte is sent.
    const closed = await startServer(() => undefined);
    await closed.close();
    const refused = createGatewayClient({ apiKey: "sk-waits", baseUrl: closed.url, fetch: counting });
    await expect(callOperation(refused, post, { body: {} })).rejects.toBeInstanceOf(APIConnectionError);
    expect(calls).toBe(3);
    for (const status of [408, 409, 429, 500, 503]) {
      server = await startServer((_req, res, hit) =>
        hit === 0
          ? json(res, status, { error: { message: "again" } }, { "retry-after-ms": "1" })
          : json(res, 200, { ok: true }),
      );
      await expect(callOperation(client(server.url), post, { body: {} })).resolves.toEqual({ ok: true });
      expect(server.hits, String(status)).toHaveLength(2);
      await server.close();
      server = undefined;
    }
  });
});

describe("retry-after and the call's timeout", () => {
  it("does not wait a retry-after longer than the call's timeout: the answer's error comes at once", async () => {
    server = await startServer((_req, res) =>
      json(res, 429, { error: { message: "slow down" } }, { "retry-after": "5" }),
    );
    const started = Date.now();
    const err = await callOperation(client(server.url, { timeout: 1000 }), get, {
      params: { path: { id: "v" } },
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RateLimitError);
    expect((err as RateLimitError).headers?.get("retry-after")).toBe("5");
    expect(Date.now() - started).toBeLessThan(1000);
    expect(server.hits).toHaveLength(1);
  });

  it("waits one that fits in the timeout", async () => {
    server = await startServer((_req, res, hit) =>
      hit === 0 ? json(res, 429, {}, { "retry-after-ms": "200" }) : json(res, 200, { ok: 1 }),
    );
    await expect(
      callOperation(client(server.url, { timeout: 1000 }), get, { params: { path: { id: "v" } } }),
    ).resolves.toEqual({ ok: 1 });
  });
});

describe("a wait's deadline", () => {
  const rule = { status: ["status"], done: ["done"], failed: ["failed"] };
  const read =
    (url: string, extra: Record<string, unknown> = {}) =>
    (options: object) =>
      callOperation(client(url, extra), get, { params: { path: { id: "v" } } }, options);

  it("covers a read in flight", async () => {
    server = await startServer(() => undefined); // never answers: the read's own timeout is 10 minutes
    const started = Date.now();
    const err = await waitForTask(read(server.url), rule, { timeoutMs: 500 }, "v").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TaskTimeoutError);
    expect(Date.now() - started).toBeLessThan(2000);
  }, 10_000);

  it("covers a retry-after wait inside a read", async () => {
    server = await startServer((_req, res) => json(res, 503, { error: { message: "busy" } }, { "retry-after": "30" }));
    const started = Date.now();
    const err = await waitForTask(read(server.url), rule, { timeoutMs: 500 }, "v").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TaskTimeoutError);
    expect(Date.now() - started).toBeLessThan(2000);
  }, 10_000);

  it("takes an absolute deadline, and a garbage or past one does not poll forever", async () => {
    let reads = 0;
    const started = Date.now();
    const err = await pollTask(
      async () => ++reads,
      () => ({ state: "pending" }),
      { deadline: new Date(Date.now() + 300), intervalMs: 100 },
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TaskTimeoutError);
    expect(reads).toBeGreaterThanOrEqual(2);
    expect(reads).toBeLessThanOrEqual(4);
    expect(Date.now() - started).toBeLessThan(1500);
    await expect(
      pollTask(
        async () => ++reads,
        () => ({ state: "pending" }),
        { deadline: Date.now() - 1 },
      ),
    ).rejects.toBeInstanceOf(TaskTimeoutError);
  });
});

describe("polling through passing failures", () => {
  const rule = { status: ["status"], done: ["done"], failed: ["failed"] };

  it("keeps polling after 5xx, resets and timeouts of its reads (each after its own retries) until the task is done", async () => {
    server = await startServer((req, res, hit) => {
      if (hit < 3) return json(res, 502, { error: { message: "bad gateway" } }, { "retry-after-ms": "1" });
      if (hit < 5) return req.socket.destroy();
      if (hit === 5) return; // times out
      json(res, 200, { status: hit < 7 ? "running" : "done" });
    });
    const c = client(server.url, { maxRetries: 0, timeout: 300 });
    const task = await waitForTask(
      (o) => callOperation(c, get, { params: { path: { id: "v" } } }, o),
      rule,
      { intervalMs: 100, maxIntervalMs: 100, timeoutMs: 20_000 },
      "v",
    );
    expect(task).toEqual({ status: "done" });
    expect(server.hits.length).toBe(8);
  }, 30_000);

  it("stops at once on a failure that cannot pass (401), and reports the last failure at the deadline", async () => {
    server = await startServer((_req, res) => json(res, 401, { error: { message: "invalid key" } }));
    const c = client(server.url, { maxRetries: 0 });
    await expect(
      waitForTask((o) => callOperation(c, get, { params: { path: { id: "v" } } }, o), rule, { intervalMs: 100 }),
    ).rejects.toBeInstanceOf(AuthenticationError);
    expect(server.hits).toHaveLength(1);
    await server.close();
    server = await startServer((_req, res) => json(res, 500, { error: { message: "down" } }));
    const err = await waitForTask(
      (o) => callOperation(client(server!.url, { maxRetries: 0 }), get, { params: { path: { id: "v" } } }, o),
      rule,
      { intervalMs: 100, timeoutMs: 350 },
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TaskTimeoutError);
    expect((err as Error).cause).toMatchObject({ name: "InternalServerError", status: 500 });
  });
});
