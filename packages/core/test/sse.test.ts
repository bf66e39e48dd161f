import { afterEach, describe, expect, it, vi } from "vitest";
import {
  APIUserAbortError,
  Stream,
  StreamError,
  createGatewayClient,
  decodeServerSentEvents,
  jsonEventDecoder,
  streamOperation,
} from "./runtime.js";
import { createEventScanner } from "../src/sse.js";
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
    for await (const e of decodeServerSentEvents(
      bytes([": ping\r\n", "event: message_start\r\nda", 'ta: {"a":1}\r\n\r\n', "data: [DO", "NE]\n\n"]),
    ))
      events.push(e);
    expect(events).toEqual([
      { event: "message_start", data: '{"a":1}', id: undefined },
      { event: undefined, data: "[DONE]", id: undefined },
    ]);
  });
});

describe("the first event of a network read is handed out before the rest is parsed", () => {
  // One network read holding many events, as a fast server or a buffering proxy delivers them.
  const manyEvents = Array.from({ length: 300 }, (_, n) => `data: {"n":${n}}\n\n`).join("");
  const firstEventEnd = manyEvents.indexOf("\n\n") + 2;

  /**
   * Calls `run` while recording the furthest offset of `text` from which the parser searched it (for a line
   * end or a field's colon): the start of the last line it took on.
   */
  async function scannedWhile(text: string, run: () => Promise<void>): Promise<number> {
    const indexOf = String.prototype.indexOf;
    let furthest = -1;
    const spy = vi.spyOn(String.prototype, "indexOf").mockImplementation(function (
      this: string,
      search: string,
      from?: number,
    ) {
      if (this.length === text.length && String(this) === text) furthest = Math.max(furthest, from ?? 0);
      return indexOf.call(this, search, from);
    });
    try {
      await run();
    } finally {
      spy.mockRestore();
    }
    return furthest;
  }

  it("returns the first event of a read before it parses the rest of that read", async () => {
    const iterator = new Stream<{ n: number }>(new Response(bytes([manyEvents])), new AbortController())[
      Symbol.asyncIterator
    ]();
    const furthest = await scannedWhile(manyEvents, async () => {
      expect(await iterator.next()).toEqual({ value: { n: 0 }, done: false });
    });
    // The parser searched the text (so the probe works) but took on no line after the first event's blank line.
    expect(furthest).toBeGreaterThanOrEqual(0);
    expect(furthest).toBeLessThan(firstEventEnd);
    await iterator.return?.();
  });

  it("decodeServerSentEvents also yields the first event of a read before parsing the rest", async () => {
    const events = decodeServerSentEvents(bytes([manyEvents]));
    const furthest = await scannedWhile(manyEvents, async () => {
      expect((await events.next()).value).toEqual({ event: undefined, data: '{"n":0}', id: undefined });
    });
    expect(furthest).toBeGreaterThanOrEqual(0);
    expect(furthest).toBeLessThan(firstEventEnd);
    await events.return(undefined);
  });

  it("yields the events before a malformed one in the same read, then throws StreamError", async () => {
    const iterator = new Stream<{ n: number }>(
      new Response(bytes([`${manyEvents}data: {broken\n\n`])),
      new AbortController(),
    )[Symbol.asyncIterator]();
    for (let n = 0; n < 300; n++) expect(await iterator.next()).toEqual({ value: { n }, done: false });
    await expect(iterator.next()).rejects.toBeInstanceOf(StreamError);
  });

  it("drops what was read but not taken once the stream ends: no value after done", async () => {
    const iterator = new Stream<{ n: number }>(
      new Response(bytes(['data: {"n":0}\n\ndata: [DONE]\n\ndata: {"n":1}\n\n'])),
      new AbortController(),
    )[Symbol.asyncIterator]();
    expect(await iterator.next()).toEqual({ value: { n: 0 }, done: false });
    expect(await iterator.next()).toEqual({ value: undefined, done: true });
    expect(await iterator.next()).toEqual({ value: undefined, done: true });
  });

  it("the scanner keeps text not scanned yet when more is pushed, and a CRLF split between two pieces", () => {
    const scanner = createEventScanner();
    scanner.push("data: 1\n\ndata: 2\r\n\r");
    expect(scanner.next()).toEqual({ event: undefined, data: "1", id: undefined });
    scanner.push("\nevent: e\r");
    expect(scanner.next()).toEqual({ event: undefined, data: "2", id: undefined });
    expect(scanner.next()).toBeUndefined();
    scanner.push("\ndata: 3\r");
    scanner.push("");
    scanner.push("\n\n");
    expect(scanner.next()).toEqual({ event: "e", data: "3", id: undefined });
    expect(scanner.next()).toBeUndefined();
  });
});

describe("the scanner's limits", () => {
  it("throws a StreamError from next() once a line, complete or not, or an event passes maxEventSize", () => {
    const open = createEventScanner(10);
    open.push("data: 1234");
    expect(open.next()).toBeUndefined();
    open.push("5");
    expect(() => open.next()).toThrow(new StreamError("An event is longer than maxEventSize (10 characters)."));
    const lines = createEventScanner(8);
    lines.push("data: 12\ndata: 34\n");
    expect(() => lines.next()).toThrow(StreamError); // the second line's 8 characters after the data "12"
  });

  it("searches a line without a colon for one within the line only: many such lines take linear time", () => {
    const scanner = createEventScanner();
    const started = performance.now();
    scanner.push(`${"x\n".repeat(500_000)}data: 1\n\n`);
    expect(scanner.next()).toEqual({ event: undefined, data: "1", id: undefined });
    // Linear: tens of ms; a search running on to the next colon in the text for each line: seconds.
    expect(performance.now() - started).toBeLessThan(1500);
  });
});

describe("jsonEventDecoder", () => {
  const decode = (data: string, event?: string) => jsonEventDecoder({ event, data, id: undefined });
  const failure = (data: string, event?: string) => {
    try {
      decode(data, event);
    } catch (error) {
      expect(error).toBeInstanceOf(StreamError);
      return { message: (error as StreamError).message, body: (error as StreamError).body };
    }
    throw new Error(`no error for ${data}`);
  };

  it("parses JSON, ends at [DONE] and skips empty data", () => {
    expect(decode('{"n":1}')).toEqual({ n: 1 });
    expect(decode("[DONE]")).toBe("done");
    expect(decode(" [DONE] ")).toBe("done");
    expect(decode("")).toBe("skip");
    expect(decode("  ")).toBe("skip");
    expect(failure("{broken")).toEqual({ message: "Malformed event in stream: {broken", body: undefined });
  });

  it("throws the message of an error payload or event, with the payload", () => {
    expect(failure('{"error":{"message":"Overloaded","type":"x"}}')).toEqual({
      message: "Overloaded",
      body: { error: { message: "Overloaded", type: "x" } },
    });
    expect(failure('{"error":"quota"}').message).toBe("quota");
    expect(failure('{"error":{"message":5},"message":"outer"}').message).toBe("outer");
    expect(failure('{"error":{"code":5}}').message).toBe("The stream reported an error.");
    expect(failure('{"type":"error","code":"c","message":"Too many requests"}', "error").message).toBe(
      "Too many requests",
    );
    expect(failure('"text"', "error")).toEqual({ message: "The stream reported an error.", body: "text" });
    expect(failure("null", "error").message).toBe("The stream reported an error.");
  });

  it("keeps payloads that hold an error among more fields, a null error, or a failed Responses stream's end", () => {
    for (const data of [
      '{"error":{"message":"m"},"a":1,"b":2}',
      '{"error":null,"n":1}',
      '{"type":"response.failed","response":{"error":{"message":"m"}}}',
      '{"type":"response.failed","error":{"message":"m"}}',
      "[1,2]",
      "7",
    ])
      expect(decode(data)).toEqual(JSON.parse(data));
  });
});

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const op = { method: "POST", path: "/v1/chat/completions" } as const;
const gateway = (url: string) => createGatewayClient({ apiKey: "sk-stream-test", baseUrl: url });
/** A server that answers every call with this event-stream text, and ends the response unless `open`. */
const serveEvents = (text: string, open = false) =>
  startServer((_req, res) => {
    res.writeHead(200, { "content-type": "text/event-stream" });
    if (open) res.write(text);
    else res.end(text);
  });

describe("streamOperation", () => {
  it("yields typed JSON events and ends at [DONE]", async () => {
    server = await serveEvents('data: {"n":1}\n\ndata: {"n":2}\n\ndata: [DONE]\n\ndata: {"n":3}\n\n');
    const stream = await streamOperation<{ n: number }>(gateway(server.url), op, { body: { stream: true } });
    expect(await stream.toArray()).toEqual([{ n: 1 }, { n: 2 }]);
  });

  it("ends at [DONE] at once and reads the rest of the body in the background, so that the next call reuses the connection", async () => {
    const sockets = new Set<unknown>();
    const ended: boolean[] = [];
    server = await startServer((req, res, hit) => {
      sockets.add(req.socket);
      ended[hit] = false;
      res.writeHead(200, { "content-type": "text/event-stream" });
      // [DONE] flushed on its own and the response ended later, as new-api does once it has settled the usage.
      res.write('data: {"n":1}\n\ndata: [DONE]\n\n');
      setTimeout(() => {
        ended[hit] = true;
        res.end();
      }, 30);
    });
    for (let call = 0; call < 4; call++) {
      const stream = await streamOperation<{ n: number }>(gateway(server.url), op, { body: {} });
      expect(await stream.toArray()).toEqual([{ n: 1 }]);
      expect(ended[call]).toBe(false); // the iteration did not wait for the end of the response
      await server.closed[call];
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    // Cancelling the body at [DONE] closed each connection: four calls, four connections.
    expect(sockets.size).toBe(1);
  });

  it("cancels a body that does not end after [DONE] and closes its connection", async () => {
    server = await serveEvents('data: {"n":1}\n\ndata: [DONE]\n\n', true); // never ends on its own
    const stream = await streamOperation<{ n: number }>(gateway(server.url), op, { body: {} });
    const done = Date.now();
    expect(await stream.toArray()).toEqual([{ n: 1 }]);
    await server.closed[0];
    expect(Date.now() - done).toBeGreaterThanOrEqual(900);
  });

  it("releases the connection when the consumer stops early", async () => {
    server = await serveEvents('data: {"n":1}\n\n', true); // never ends on its own
    const stream = await streamOperation<{ n: number }>(gateway(server.url), op, { body: {} });
    for await (const event of stream) {
      expect(event).toEqual({ n: 1 });
      break;
    }
    await server.closed[0];
    expect(server.closed).toHaveLength(1);
  });

  it("abort() ends iteration with APIUserAbortError and releases the connection", async () => {
    server = await serveEvents('data: {"n":1}\n\n', true); // never ends on its own
    const stream = await streamOperation<{ n: number }>(gateway(server.url), op, { body: {} });
    const seen: unknown[] = [];
    const err = await (async () => {
      for await (const event of stream) {
        seen.push(event);
        stream.abort();
      }
    })().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(APIUserAbortError);
    expect(seen).toEqual([{ n: 1 }]);
    await server.closed[0];
  });

  it("turns an error event into a StreamError with the payload", async () => {
    server = await serveEvents(
      'event: error\ndata: {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}\n\n',
    );
    const stream = await streamOperation(gateway(server.url), op, { body: {} });
    const err = await stream.toArray().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StreamError);
    expect((err as StreamError).message).toBe("Overloaded");
  });

  it("reads the message of a Responses error event", async () => {
    server = await serveEvents(
      'event: error\ndata: {"type":"error","code":"rate_limit_exceeded","message":"Too many requests"}\n\n',
    );
    const stream = await streamOperation(gateway(server.url), op, { body: {} });
    await expect(stream.toArray()).rejects.toThrow("Too many requests");
  });

  it("reports malformed JSON as a StreamError", async () => {
    server = await serveEvents("data: {not json\n\n");
    const stream = await streamOperation(gateway(server.url), op, { body: {} });
    await expect(stream.toArray()).rejects.toBeInstanceOf(StreamError);
  });

  it("can be iterated only once", async () => {
    server = await serveEvents("data: [DONE]\n\n");
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
