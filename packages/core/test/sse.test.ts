import { afterEach, describe, expect, it } from "vitest";
import { StreamError, createGatewayClient, decodeServerSentEvents, streamOperation } from "../src/index.js";
import { startServer, type TestServer } from "./server.js";

const bytes = (chunks: string[]) =>
  new ReadableStream<Uint8Array>({
    start(c) {
      for (const s of chunks) c.enqueue(new TextEncoder().encode(s));
      c.close();
    },
  });

describe("decodeServerSentEvents", () => {
  it("decodes named events, comments, CRLF and chunk splits inside lines", async () => {
    const events = [];
    for await (const e of decodeServerSentEvents(bytes([": ping\r\n", "event: message_start\r\nda", 'ta: {"a":1}\r\n\r\n', "data: [DO", "NE]\n\n"]))) events.push(e);
    expect(events).toEqual([
      { event: "message_start", data: '{"a":1}', id: undefined },
      { event: undefined, data: "[DONE]", id: undefined },
    ]);
  });
});

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const op = { method: "post", path: "/v1/chat/completions" } as const;
const gateway = (url: string) => createGatewayClient({ apiKey: "sk-stream-test", baseUrl: url });

describe("streamOperation", () => {
  it("yields typed JSON events and ends at [DONE]", async () => {
    server = await startServer((_req, res) => {
      res.writeHead(200, { "content-type": "text/event-stream" });
      res.end('data: {"n":1}\n\ndata: {"n":2}\n\ndata: [DONE]\n\ndata: {"n":3}\n\n');
    });
    const stream = await streamOperation<{ n: number }>(gateway(server.url), op, { body: { stream: true } });
    expect(await stream.toArray()).toEqual([{ n: 1 }, { n: 2 }]);
  });

  it("releases the connection when the consumer stops early", async () => {
    server = await startServer((_req, res) => {
      res.writeHead(200, { "content-type": "text/event-stream" });
      res.write('data: {"n":1}\n\n');
      // never ends on its own
    });
    const stream = await streamOperation<{ n: number }>(gateway(server.url), op, { body: {} });
    for await (const event of stream) {
      expect(event).toEqual({ n: 1 });
      break;
    }
    await server.closed[0];
    expect(server.closed).toHaveLength(1);
  });

  it("abort() ends iteration and releases the connection", async () => {
    server = await startServer((_req, res) => {
      res.writeHead(200, { "content-type": "text/event-stream" });
      res.write('data: {"n":1}\n\n');
    });
    const stream = await streamOperation<{ n: number }>(gateway(server.url), op, { body: {} });
    const seen: unknown[] = [];
    for await (const event of stream) {
      seen.push(event);
      stream.abort();
    }
    expect(seen).toEqual([{ n: 1 }]);
    await server.closed[0];
  });

  it("turns an error event into a StreamError with the payload", async () => {
    server = await startServer((_req, res) => {
      res.writeHead(200, { "content-type": "text/event-stream" });
      res.end('event: error\ndata: {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}\n\n');
    });
    const stream = await streamOperation(gateway(server.url), op, { body: {} });
    const err = await stream.toArray().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StreamError);
    expect((err as StreamError).message).toBe("Overloaded");
  });

  it("reads the message of a Responses error event", async () => {
    server = await startServer((_req, res) => {
      res.writeHead(200, { "content-type": "text/event-stream" });
      res.end('event: error\ndata: {"type":"error","code":"rate_limit_exceeded","message":"Too many requests"}\n\n');
    });
    const stream = await streamOperation(gateway(server.url), op, { body: {} });
    await expect(stream.toArray()).rejects.toThrow("Too many requests");
  });

  it("reports malformed JSON as a StreamError", async () => {
    server = await startServer((_req, res) => {
      res.writeHead(200, { "content-type": "text/event-stream" });
      res.end("data: {not json\n\n");
    });
    const stream = await streamOperation(gateway(server.url), op, { body: {} });
    await expect(stream.toArray()).rejects.toBeInstanceOf(StreamError);
  });

  it("can be iterated only once", async () => {
    server = await startServer((_req, res) => {
      res.writeHead(200, { "content-type": "text/event-stream" });
      res.end("data: [DONE]\n\n");
    });
    const stream = await streamOperation(gateway(server.url), op, { body: {} });
    await stream.toArray();
    await expect(stream.toArray()).rejects.toBeInstanceOf(StreamError);
  });
});

describe("streams and retries", () => {
  it("does not retry a stream that broke after delivering events", async () => {
    server = await startServer((req, res) => {
      res.writeHead(200, { "content-type": "text/event-stream" });
      res.write('data: {"n":1}\n\n');
      setTimeout(() => req.socket.destroy(), 20);
    });
    const stream = await streamOperation<{ n: number }>(gateway(server.url), op, { body: {} });
    const seen: unknown[] = [];
    const err = await (async () => {
      for await (const e of stream) seen.push(e);
    })().catch((e: unknown) => e);
    expect(seen).toEqual([{ n: 1 }]);
    expect(err).toBeInstanceOf(StreamError);
    expect(server.hits).toHaveLength(1);
  });

  it("retries a stream request that failed before any event", async () => {
    server = await startServer((_req, res, hit) => {
      if (hit === 0) {
        res.writeHead(503, { "content-type": "application/json", "retry-after-ms": "5" });
        return res.end('{"error":{"message":"busy"}}');
      }
      res.writeHead(200, { "content-type": "text/event-stream" });
      res.end('data: {"n":1}\n\ndata: [DONE]\n\n');
    });
    const stream = await streamOperation<{ n: number }>(gateway(server.url), op, { body: {} });
    expect(await stream.toArray()).toEqual([{ n: 1 }]);
    expect(server.hits).toHaveLength(2);
  });
});
