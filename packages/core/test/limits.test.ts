// Bounded resources: an answer over maxResponseSize (decompressed size included: a gzip bomb) is an
// APIError and is not read further; error bodies of any shape and depth become typed errors; no listener is
// left on the caller's signal once a call or a stream has ended.
import { getEventListeners } from "node:events";
import { gzipSync } from "node:zlib";
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { APIError, callOperation, createGatewayClient, redactSecrets, streamOperation } from "./runtime.js";
import { startServer, type TestServer } from "./server.js";

const KEY = "sk-limits-secret-0123456789";
let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});
const op = { method: "POST", path: "/v1/chat/completions" } as const;
const client = (url: string, extra: Record<string, unknown> = {}) =>
  createGatewayClient({ apiKey: KEY, baseUrl: url, maxRetries: 0, ...extra });

describe("answer size", () => {
  it("fails an answer over maxResponseSize with an APIError, without retrying it", async () => {
    server = await startServer((_req, res) =>
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ s: "z".repeat(3 << 20) })),
    );
    const err = await callOperation(client(server.url, { maxResponseSize: 1 << 20, maxRetries: 2 }), op, {
      body: {},
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(APIError);
    expect(err).toMatchObject({ status: 200, message: "200 answer over maxResponseSize (1048576 bytes)" });
    expect(server.hits).toHaveLength(1);
  });

  it("counts the decompressed bytes: a gzip bomb stops at the default limit (128 MiB)", async () => {
    // 256 MiB of JSON in about 250 kB of gzip; the whole of it would be read into memory, twice, without a limit.
    const bomb = gzipSync(Buffer.concat([Buffer.from('{"s":"'), Buffer.alloc(256 << 20, 97), Buffer.from('"}')]), {
      level: 9,
    });
    server = await startServer((_req, res) =>
      res.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip" }).end(bomb),
    );
    const err = await callOperation(client(server.url), op, { body: {} }).catch((e: unknown) => e);
    expect(bomb.length).toBeLessThan(300_000);
    expect(err).toBeInstanceOf(APIError);
    expect((err as Error).message).toBe("200 answer over maxResponseSize (134217728 bytes)");
  }, 60_000);

  it("reads at most 64 KiB of an error body, and still gives its typed error", async () => {
    server = await startServer((_req, res) =>
      res.writeHead(500, { "content-type": "text/plain" }).end(`upstream failed ${"!".repeat(10 << 20)}`),
    );
    const err = await callOperation(client(server.url), op, { body: {} }).catch((e: unknown) => e);
    expect(err).toMatchObject({ name: "InternalServerError", status: 500 });
    expect((err as APIError).body).toHaveLength(2001);
  });
});

describe("error bodies of any shape", () => {
  const nested = (depth: number, leaf: string) => "[".repeat(depth) + JSON.stringify(leaf) + "]".repeat(depth);
  const objects = (depth: number, leaf: string) => '{"error":'.repeat(depth) + JSON.stringify(leaf) + "}".repeat(depth);

  it("become typed errors however deep they are nested, the key scrubbed, and a body too deep to show is kept as text", async () => {
    let body = "";
    server = await startServer((_req, res) => res.writeHead(400, { "content-type": "application/json" }).end(body));
    for (const make of [nested, objects]) {
      for (const depth of [5000, 30_000, 100_000]) {
        body = make(depth, `bad key ${KEY}`);
        const err = await callOperation(client(server.url), op, { body: {} }).catch((e: unknown) => e);
        expect(err, `${make.name} ${depth}`).toMatchObject({ name: "BadRequestError", status: 400 });
        expect(typeof (err as APIError).body).toBe("string");
        expect(String(err) + JSON.stringify(err)).not.toContain(KEY);
      }
    }
  }, 60_000);

  // 407 is left out: fetch itself turns it into a network error (the Fetch standard's proxy rule).
  it("become typed errors for any JSON value, status and content type (property test)", async () => {
    let answer = { status: 400, type: "application/json", body: "" };
    server = await startServer((_req, res) =>
      res.writeHead(answer.status, { "content-type": answer.type }).end(answer.body),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.jsonValue({ maxDepth: 8 }),
        fc.integer({ min: 400, max: 599 }).filter((s) => s !== 407),
        fc.constantFrom("application/json", "text/html", "text/plain", ""),
        async (value, status, type) => {
          answer = { status, type, body: JSON.stringify(value) ?? "" };
          const err = await callOperation(client(server!.url), op, { body: {} }).catch((e: unknown) => e);
          expect(err).toBeInstanceOf(APIError);
          expect((err as APIError).status).toBe(status);
          expect(typeof (err as Error).message).toBe("string");
        },
      ),
      { numRuns: 150 },
    );
  });

  it("redactSecrets scrubs keys and values, and never throws: a value too deep or cyclic to copy shows nothing", () => {
    expect(redactSecrets({ [`k-${KEY}`]: [KEY, { a: `"${KEY}"` }] }, [KEY])).toEqual({
      "k-[redacted]": ["[redacted]", { a: '"[redacted]"' }],
    });
    let deep: unknown = { [`k-${KEY}`]: KEY };
    for (let i = 0; i < 200_000; i++) deep = [deep];
    expect(redactSecrets(deep, [KEY])).toBeUndefined();
    const cyclic: Record<string, unknown> = { key: KEY };
    cyclic.self = cyclic;
    expect(redactSecrets(cyclic, [KEY])).toBeUndefined();
  });
});

describe("the caller's signal", () => {
  it("keeps no listener once calls and streams have ended, whichever way they ended", async () => {
    const controller = new AbortController();
    const signal = controller.signal;
    server = await startServer((req, res, hit) => {
      const kind = req.url?.split("?")[1] ?? "";
      if (kind === "retry" && hit % 2 === 0)
        return res.writeHead(503, { "retry-after-ms": "1", "content-type": "application/json" }).end("{}");
      if (kind === "plain" || kind === "retry")
        return res.writeHead(200, { "content-type": "application/json" }).end("{}");
      if (kind === "fail") return res.writeHead(400, { "content-type": "application/json" }).end("{}");
      res.writeHead(200, { "content-type": "text/event-stream" });
      if (kind === "done") return res.end('data: {"n":1}\n\ndata: [DONE]\n\n');
      if (kind === "cut") return res.end('data: {"n":1}\n\n');
      res.write('data: {"n":1}\n\n'); // "break": never ends
    });
    const c = client(server.url, { maxRetries: 1 });
    const stream = (kind: string) =>
      streamOperation(c, { method: "POST", path: `/s?${kind}`, streamEnd: ["[DONE]"] }, { body: {} }, { signal });
    for (let i = 0; i < 25; i++) {
      await callOperation(c, { method: "POST", path: "/p?plain" }, { body: {} }, { signal });
      await callOperation(c, { method: "POST", path: "/p?retry" }, { body: {} }, { signal });
      await callOperation(c, { method: "POST", path: "/p?fail" }, { body: {} }, { signal }).catch(() => undefined);
      await (await stream("done")).toArray();
      await (await stream("cut")).toArray().catch(() => undefined);
      for await (const _ of await stream("break")) break;
    }
    expect(getEventListeners(signal, "abort")).toHaveLength(0);
  }, 60_000);
});
